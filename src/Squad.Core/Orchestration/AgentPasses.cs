using Squad.Core.Agents;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// Runs one pass of a role for a squad: builds its input and its tools' context. A reviewer's pass counts when it ends; a
/// writer's or the Diagnostician's only with the step that stores its work, so a crash in between plays it again.
/// </summary>
internal sealed class AgentPasses(AgentRunner runner, WorkspaceManager workspaces)
{
    /// <summary>One pass; its commands run in <c>commandRoot</c> when given (a read-only role's throwaway copy), else where it reads.</summary>
    /// <param name="session">The squad.</param>
    /// <param name="role">The role.</param>
    /// <param name="task">What the pass is to do.</param>
    /// <param name="workspacePath">The tree the role reads (and a writer writes); empty when it reads <paramref name="commit"/>.</param>
    /// <param name="pullRequest">The pull request, once there is one.</param>
    /// <param name="cancellationToken">Stops the pass.</param>
    /// <param name="commandRoot">Where a read-only role's commands run.</param>
    /// <param name="commit">
    /// The commit a read-only role reads, from git's objects, instead of a tree on disk; its briefing reads the branch's
    /// history there too (a writer's from its work tree and HEAD).
    /// </param>
    public async Task<AgentResult> RunAsync(
        SquadSession session, Role role, string task, string workspacePath, PullRequest? pullRequest, CancellationToken cancellationToken, CommandCopy? commandRoot = null,
        CommitFiles? commit = null)
    {
        var services = session.Services;
        var agent = services.Agents[role];
        var pass = session.NextPass(agent.Name);
        await session.ReportAsync(StepOf(role, pullRequest), $"{agent.DisplayName} pass {pass}", cancellationToken);
        var context = new ToolContext
        {
            WorkspaceRoot = workspacePath,
            Commit = commit,
            CommandRoot = commandRoot is null ? null : commandRoot.PathAsync,
            CommandLock = commandRoot?.CommandLock,
            RecordedResult = commandRoot is null ? null : commandRoot.Recorded,
            PristineChecks = role is Role.Developer or Role.Qa ? PristineChecksOf(session, StepOf(role, pullRequest)) : null,
            Agent = agent,
            Commands = services.Commands(session.Config),
            Git = services.Git,
            PullRequest = pullRequest is null ? null : new PullRequestThread(
                services.CodeHost, session.Repository.Name, pullRequest.Number, pullRequest.HeadSha, services.Redactor, Signature(services, agent)),
            Signature = services.ModelLine,
        };
        var mapBudget = role is Role.CodeReviewer or Role.QaSpecialist ? CodeMapBudget.Reviewer : CodeMapBudget.Writer;
        var briefing = await BriefAsync(session, task, workspacePath, commit is null ? (workspacePath, "HEAD") : (commit.Repository, commit.Commit), pullRequest, role != Role.Diagnostician, mapBudget, cancellationToken);
        var invocation = new AgentInvocation { RunId = session.RunId, IssueIdentifier = session.Id, Role = agent.Name, Pass = pass, Model = agent.Model };
        AgentResult result;
        using (Telemetry.SquadTelemetry.StartPass(invocation))
        {
            result = await runner.RunAsync(invocation, agent, briefing, context, cancellationToken);
        }

        if (role is Role.CodeReviewer or Role.QaSpecialist)
        {
            // A review is posted during the pass, so the pass is done once it ends.
            await session.CountPassAsync(agent.Name, cancellationToken);
        }
        else
        {
            // A writer's commits count once pushed, a diagnosis once stored: the caller records the pass with its step.
            session.NotePass(agent.Name);
        }

        return result;
    }

    /// <summary>
    /// A writer's commit checks, when they are the head's evidence, in a pristine sandboxed copy of the staged tree set up
    /// on the base branch: the result is recorded under the key the reviewers' evidence looks up, so a head is tested once.
    /// </summary>
    private PristineChecks? PristineChecksOf(SquadSession session, SquadStep step)
        => TestEvidence.Commands(session.Config) is { } names
            ? new PristineChecks(names, async (tree, token) =>
            {
                await session.ReportAsync(step, $"commit checks on tree {tree[..12]} in a pristine sandboxed copy: {string.Join(", ", names)}", token);
                var baseRevision = $"refs/remotes/origin/{session.Repository.DefaultBranch}";
                if (session.Workspace is { } workspace)
                {
                    // Written by write-tree in the squad's work tree, whose objects are the clone's.
                    PristineGuardrails.NoteWrittenTree(workspaces, workspace.ClonePath, tree);
                }

                Workspace? kept = null;
                var failure = await PristineGuardrails.RunAsync(session, workspaces, baseRevision, tree, names,
                    $"{session.Id}-commit", "the commit's checks", token, step, copy =>
                    {
                        CrashPoint.Reach(CrashPoint.CommitChecked);
                        kept = copy;
                        return true;
                    });
                CrashPoint.Reach(CrashPoint.CommitRecorded);
                await KeepCommitCopyAsync(session, failure is null ? kept : null, baseRevision, tree, token);
                if (failure is not null && kept is not null)
                {
                    await workspaces.RemoveAsync(kept, CancellationToken.None);
                }

                return failure;
            })
            : null;

    /// <summary>
    /// The copy of a passing commit is kept for the reviewers' commands on that head (it replaces an earlier one, which
    /// goes); a failing commit's copy, or none, leaves nothing kept.
    /// </summary>
    private async Task KeepCommitCopyAsync(SquadSession session, Workspace? copy, string baseRevision, string tree, CancellationToken cancellationToken)
    {
        if (session.CommitCopy is { } earlier)
        {
            session.CommitCopy = null;
            await workspaces.RemoveAsync(earlier.Copy, CancellationToken.None);
        }

        if (copy is not null)
        {
            var (_, setupTree) = await PristineGuardrails.TreesAsync(session, workspaces, baseRevision, tree, cancellationToken);
            session.CommitCopy = new PristineCopy(copy, tree, setupTree);
        }
    }

    public static string Signature(SquadServices services, AgentDefinition agent) => $"Squad {agent.DisplayName} · {services.ModelLine}";

    /// <summary>The pass's briefing: the repository map and instructions, the issue, the branch so far and the thread; the diff for writers and reviewers.</summary>
    private static async Task<string> BriefAsync(
        SquadSession session, string task, string workspacePath, (string Repository, string Head) history, PullRequest? pullRequest, bool withDiff, CodeMapBudget mapBudget,
        CancellationToken cancellationToken)
    {
        var host = session.Services.CodeHost;
        var git = session.Services.Git;
        var repository = session.Repository.Name;
        var baseRef = $"refs/remotes/origin/{session.Repository.DefaultBranch}";
        // The base by its id, once: the record, the map, the instructions and the diff all read the same base, and reads
        // between two ids are answered from memory the next time (another reviewer of the same head).
        var baseCommit = await git.RevParseAsync(history.Repository, baseRef, cancellationToken);
        var branch = await BranchRecord.ReadAsync(git, history.Repository, baseCommit, session.Scenarios, cancellationToken, history.Head);
        var input = new BriefingInput
        {
            Issue = session.Issue,
            Scenarios = session.Scenarios,
            WorkspacePath = workspacePath,
            Task = task,
            PullRequest = pullRequest,
            Diagnosis = session.Record.Diagnosis,
            ErrorEvent = session.ErrorEvent,
            Conflict = session.Conflict,
            CodeMap = await session.Services.CodeMaps.OfAsync(git, history.Repository, baseCommit, mapBudget, cancellationToken),
            CodeMapCommit = baseCommit,
            Instructions = await RepositoryInstructions.ReadAsync(git, history.Repository, baseCommit, session.Config, cancellationToken),
            Branch = branch,
            QaCheck = session.Record.RegressionCheck,
            HeadTests = session.HeadTests,
        };
        if (pullRequest is not null)
        {
            input = input with
            {
                Reviews = await host.ListReviewsAsync(repository, pullRequest.Number, cancellationToken),
                Comments = await host.ListCommentsAsync(repository, pullRequest.Number, cancellationToken),
            };
        }

        if (withDiff && branch is not null)
        {
            var diff = await git.ReadRevisionsAsync(history.Repository, ["diff", "--no-ext-diff", "--no-textconv", $"{baseCommit}...{history.Head}"], [baseCommit, history.Head], cancellationToken);
            input = input with { Diff = diff };
        }

        return SquadBriefing.Build(input);
    }

    private static SquadStep StepOf(Role role, PullRequest? pullRequest) => role switch
    {
        Role.Qa when pullRequest is null => SquadStep.QaTests,
        Role.Developer when pullRequest is null => SquadStep.Implementation,
        Role.CodeReviewer or Role.QaSpecialist => SquadStep.Review,
        Role.Diagnostician => SquadStep.Diagnosis,
        _ => SquadStep.Fix,
    };
}
