using Squad.Core.Domain;
using Squad.Core.Tools;

namespace Squad.Core.Agents;

/// <summary>A role as <c>agents/*.yaml</c> defines it: prompt, tools, limits, model and identity.</summary>
public sealed record AgentDefinition
{
    /// <summary>The role's wire name, also the file name (<c>agents/developer.yaml</c>).</summary>
    public required string Name { get; init; }

    public required string DisplayName { get; init; }

    /// <summary>The system prompt, already read from <c>prompts/</c>.</summary>
    public required string Prompt { get; init; }

    public required string PromptFile { get; init; }

    public required IReadOnlyList<string> Tools { get; init; }

    /// <summary>A read-only role gets no write tool at all; the runtime refuses any such call.</summary>
    public required bool ReadOnly { get; init; }

    public required int MaxTurns { get; init; }

    /// <summary>How often a reply without a tool call is answered with a reminder to go on or finish, before the pass ends unfinished.</summary>
    public int MaxNudges { get; init; } = 2;

    /// <summary>With this many turns left the agent is told so, to commit and finish; 0 warns never.</summary>
    public int WarnTurnsLeft { get; init; } = 3;

    /// <summary>The tools of this role that end its pass; a role without one ends with a plain answer, as before <c>finish</c> existed.</summary>
    public IReadOnlyList<string> FinishingTools => [.. Tools.Where(ToolNames.Finishing.Contains)];

    public required string Model { get; init; }

    public required Identity Identity { get; init; }

    /// <summary>The guardrail commands its commits must pass; null means all of the repository's <c>before_commit</c>.</summary>
    public IReadOnlyList<string>? CommitChecks { get; init; }
}
