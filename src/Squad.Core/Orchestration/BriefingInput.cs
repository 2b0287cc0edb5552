using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Security;

namespace Squad.Core.Orchestration;

internal sealed record BriefingInput
{
    public required Issue Issue { get; init; }

    public required IReadOnlyList<Scenario> Scenarios { get; init; }

    public required string WorkspacePath { get; init; }

    public required string Task { get; init; }

    public PullRequest? PullRequest { get; init; }

    public IReadOnlyList<Review> Reviews { get; init; } = [];

    public IReadOnlyList<PullRequestComment> Comments { get; init; } = [];

    public string? Diff { get; init; }

    /// <summary>The repository map (<see cref="CodeMap"/>); when null, the bare file list.</summary>
    public string? CodeMap { get; init; }

    /// <summary>The base commit <see cref="CodeMap"/> was rendered at, when it was rendered from a commit.</summary>
    public string? CodeMapCommit { get; init; }

    /// <summary>The repository's own instructions (<see cref="RepositoryInstructions"/>), from the base branch.</summary>
    public string? Instructions { get; init; }

    /// <summary>The squad's branch so far: commits, files changed, QA's tests per scenario.</summary>
    public BranchRecord? Branch { get; init; }

    /// <summary>The latest event of the bug's error-tracker issue (for the Diagnostician), as the tracker gave it.</summary>
    public string? ErrorEvent { get; init; }

    /// <summary>A bug fix's diagnosis (Markdown), shown after the scenarios.</summary>
    public string? Diagnosis { get; init; }

    /// <summary>A conflict round: the conflict with the base branch (files and hunks) or the failing guardrail's output.</summary>
    public string? Conflict { get; init; }

    /// <summary>The tests at QA's commit, as stored (<see cref="SquadRecord.RegressionCheck"/>): a summary line, then one line per scenario.</summary>
    public string? QaCheck { get; init; }

    /// <summary>The tests at the head under review, run by the orchestrator before the reviewers start.</summary>
    public HeadTests? HeadTests { get; init; }

    /// <summary>Draws the id that fences this prompt's untrusted blocks; random unless a test fixes it.</summary>
    public Func<string> NewNonce { get; init; } = UntrustedText.NewNonce;
}
