using Squad.Core.Audit;
using Squad.Core.Sandbox;

namespace Squad.Cli;

/// <summary>Everything one milestone run needs besides how it shows progress: what to run, with which roles, models and limits.</summary>
internal sealed record MilestoneRunSettings
{
    public required RunTargetRequest Request { get; init; }

    public string? DataDirectory { get; init; }

    /// <summary>A model for every role instead of each role's own, or null.</summary>
    public string? Model { get; init; }

    public int Concurrency { get; init; } = 2;

    /// <summary>
    /// A triggered bug fix: the one issue is diagnosed first when it has no acceptance criteria, and its blockers are
    /// not waited for (the person who triggered it decided).
    /// </summary>
    public bool BugFix { get; init; }

    public int MaxRounds { get; init; } = 3;

    /// <summary>Conflict rounds the merge queue may send back to a squad before a person takes over (0: at once).</summary>
    public int MaxConflictRounds { get; init; } = 2;

    /// <summary>How many candidates may be ahead in the merge queue for one to test ahead (0: only in its turn).</summary>
    public int QueueLookahead { get; init; } = 2;

    public Budgets Budgets { get; init; } = new();

    public string? PricesFile { get; init; }

    public string? AgentsDirectory { get; init; }

    /// <summary>Where settings read from the environment come from (<c>SENTRY_AUTH_TOKEN</c>, <c>SENTRY_API_URL</c>); tests give their own.</summary>
    public Func<string, string?> Variables { get; init; } = Environment.GetEnvironmentVariable;

    public string? PromptsDirectory { get; init; }

    /// <summary>Where agent-influenced commands run: the bubblewrap sandbox, or the host when the user passed <c>--no-sandbox</c>.</summary>
    public required ISandbox Sandbox { get; init; }
}
