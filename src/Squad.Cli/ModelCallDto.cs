namespace Squad.Cli;

/// <summary>One model call of the audit trail, as <c>squad audit --json</c> and <c>--jsonl</c> write it.</summary>
internal sealed record ModelCallDto
{
    public string Kind { get; init; } = "model_call";

    public required DateTimeOffset At { get; init; }

    public required string RunId { get; init; }

    public required string Issue { get; init; }

    public required string Role { get; init; }

    public required int Pass { get; init; }

    public required string Provider { get; init; }

    public required string Model { get; init; }

    public required string RequestSha256 { get; init; }

    public required string ResponseSha256 { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required decimal CostUsd { get; init; }

    public required double LatencyMs { get; init; }
}
