namespace Squad.Core.Audit;

/// <summary>
/// One model call of an agent pass, as the audit trail keeps it: who asked, which model answered,
/// fingerprints of what went in and came out (never the text itself), what it used and cost.
/// </summary>
public sealed record ModelCallRecord
{
    public required string RunId { get; init; }

    public required string IssueIdentifier { get; init; }

    /// <summary>The role's wire name (<c>developer</c>, <c>qa</c>, <c>code-reviewer</c>, <c>qa-specialist</c>).</summary>
    public required string Role { get; init; }

    /// <summary>The role's pass on the issue: 1 for its first, 2 for a fix round or a second review.</summary>
    public required int Pass { get; init; }

    /// <summary>The provider as its client names itself (<c>scripted</c>, <c>openai</c>, <c>anthropic</c>).</summary>
    public required string Provider { get; init; }

    /// <summary>The model that answered, as the provider reported it (else the model the role asked for).</summary>
    public required string ModelId { get; init; }

    /// <summary>Hex SHA-256 of the canonical JSON of the request: its messages and the tools offered.</summary>
    public required string RequestSha256 { get; init; }

    /// <summary>Hex SHA-256 of the canonical JSON of the response messages.</summary>
    public required string ResponseSha256 { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    /// <summary>US dollars, from the price table; zero for a model the table does not price.</summary>
    public required decimal CostUsd { get; init; }

    public required TimeSpan Latency { get; init; }

    /// <summary>When the call was made.</summary>
    public required DateTimeOffset At { get; init; }
}
