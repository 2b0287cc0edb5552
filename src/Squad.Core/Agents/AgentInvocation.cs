namespace Squad.Core.Agents;

/// <summary>One pass of one role on one issue: what a model provider needs to pick (or script) a model.</summary>
public sealed record AgentInvocation
{
    public required string RunId { get; init; }

    public required string IssueIdentifier { get; init; }

    /// <summary>The role's wire name (<c>developer</c>, <c>qa</c>, <c>code-reviewer</c>, <c>qa-specialist</c>).</summary>
    public required string Role { get; init; }

    /// <summary>1 for the role's first pass on this issue, 2 for the next, and so on.</summary>
    public required int Pass { get; init; }

    /// <summary>The model the role names (<c>scripted</c>, <c>openai:gpt-4.1</c>, <c>anthropic:claude-sonnet-4</c>).</summary>
    public required string Model { get; init; }
}
