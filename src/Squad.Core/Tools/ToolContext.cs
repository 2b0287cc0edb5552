using Squad.Core.Agents;
using Squad.Core.Domain;
using Squad.Core.Git;

namespace Squad.Core.Tools;

/// <summary>What the tools of one agent pass act on. Built by the orchestrator; never seen by the model.</summary>
public sealed class ToolContext
{
    /// <summary>The work tree the role reads and a writer writes; empty for a role that reads <see cref="Commit"/>.</summary>
    public required string WorkspaceRoot { get; init; }

    /// <summary>
    /// For a read-only role: the commit it reads, from git's objects (<c>read_file</c>, <c>list_files</c>,
    /// <c>search_files</c>), instead of a tree on disk; null when it reads <see cref="WorkspaceRoot"/>.
    /// </summary>
    public CommitFiles? Commit { get; init; }

    /// <summary>
    /// Where <c>run_command</c> runs, when not in <see cref="WorkspaceRoot"/>: for a read-only role, a throwaway copy of the
    /// same commit, made on first use, so code it runs (a test rewriting the source to look harmless) cannot change what it reads.
    /// </summary>
    public Func<CancellationToken, Task<string>>? CommandRoot { get; init; }

    /// <summary>Held while a command runs in <see cref="CommandRoot"/>, when others share it (the reviewers of a round).</summary>
    public SemaphoreSlim? CommandLock { get; init; }

    /// <summary>
    /// For a read-only role: the outcome of a named command (no arguments) recorded from a pristine sandboxed copy of the
    /// same tree under the same rules, which <c>run_command</c> answers with instead of running it again; null when none.
    /// </summary>
    public Func<string, CancellationToken, Task<RecordedCommand?>>? RecordedResult { get; init; }

    /// <summary>
    /// For a writer: its commit checks run on the tree to be committed in a pristine copy when they are these (the head's
    /// evidence), so the recorded result answers the evidence; null when commit checks run in <see cref="WorkspaceRoot"/>.
    /// </summary>
    public PristineChecks? PristineChecks { get; init; }

    public required AgentDefinition Agent { get; init; }

    public required CommandRunner Commands { get; init; }

    public required GitCli Git { get; init; }

    /// <summary>The pull request, once it exists.</summary>
    public IPullRequestThread? PullRequest { get; init; }

    /// <summary>A line appended to every commit message and PR text (says when the model is scripted).</summary>
    public required string Signature { get; init; }

    /// <summary>The whole output of this pass's long commands, which <c>read_file</c> pages through; removed when the pass ends.</summary>
    public CommandOutputs Outputs { get; } = new();

    /// <summary>Commits this pass made, oldest first.</summary>
    public List<string> Commits { get; } = [];

    /// <summary>The verdict this pass submitted, if it is a reviewer's.</summary>
    public Verdict? SubmittedVerdict { get; set; }

    /// <summary>The diagnosis this pass submitted, if it is the Diagnostician's.</summary>
    public Diagnosis? SubmittedDiagnosis { get; set; }

    /// <summary>The summary this pass ended with through <c>finish</c>, if it did.</summary>
    public string? FinishSummary { get; set; }

    /// <summary>Whether a tool that ends the pass (<see cref="ToolNames.Finishing"/>) has succeeded.</summary>
    public bool Finished => FinishSummary is not null || SubmittedVerdict is not null || SubmittedDiagnosis is not null;

    public Identity Identity => Agent.Identity;

    /// <summary>Set by the agent loop while a write of a turn leaves the formatter to a later write of the same turn.</summary>
    internal FormatBatch? FormatBatch { get; set; }
}
