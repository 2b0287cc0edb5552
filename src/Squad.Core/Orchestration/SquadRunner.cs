using System.Security.Cryptography;
using System.Text;
using Squad.Core.Agents;
using Squad.Core.Audit;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Intake;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// One squad, as a state machine over persisted steps: intake, workspace, QA tests,
/// implementation, pull request, reviews and fix rounds, merge, tracker update. Each step's
/// completion is stored, so a second run resumes where the first stopped, or does nothing.
/// </summary>
public sealed class SquadRunner
{
    private const string BudgetExceededLabel = "squad:budget-exceeded";
    private const string FailedLabel = "squad:failed";
    private const string RefusedLabel = "squad:refused";

    private readonly SquadServices services;
    private readonly WorkspaceManager workspaces;
    private readonly AgentPasses passes;
    private readonly ReviewLoop reviewLoop;
    private readonly AuditTrail audit;
    private readonly Queue.MergeQueue queue;

    public SquadRunner(SquadServices services, AuditTrail audit)
    {
        this.services = services;
        this.audit = audit;
        workspaces = new WorkspaceManager(services.Git, services.Options.ClonesDirectory, services.Options.WorktreesDirectory, services.CodeHost.GitEnvironment, services.Clones, services.Options.MemoryWorktrees);
        passes = new AgentPasses(new AgentRunner(audit.Observe(services.Models), new ToolBox(), audit), workspaces);
        queue = new Queue.MergeQueue(new Queue.Foresight(services.Progress), services.Progress);
        reviewLoop = new ReviewLoop(passes, workspaces, new MergeGate(services.Git, services.Options.KillSwitchFile, services.Time, services.Options.ChecksTimeout),
            new Queue.QueuedMerge(queue, workspaces));
    }

    /// <summary>
    /// Reads the base branch's <c>.squad.yml</c> of <paramref name="repositoryName"/> before anything is written for a run:
    /// a configuration mistake stops the run with one line, with no run row, work tree or tracker write made.
    /// </summary>
    /// <exception cref="SquadException">The configuration is invalid (<see cref="SquadErrorCode.InvalidConfiguration"/>).</exception>
    /// <returns>The repository as the code host describes it.</returns>
    public async Task<RepositoryInfo> ValidateRepositoryAsync(string repositoryName, CancellationToken cancellationToken = default)
    {
        var repository = await services.CodeHost.GetRepositoryAsync(repositoryName, cancellationToken);
        await workspaces.LoadBaseConfigAsync(repository, cancellationToken);
        return repository;
    }

    /// <summary>
    /// Renders the writers' map of <paramref name="repository"/>'s base tip (<see cref="CodeMaps"/>) while the squads take
    /// in their issues and write their work trees. Every first briefing of the run needs that map: without this, the first
    /// squad to ask renders it while every other waits on it, so all their first model calls leave at one instant and
    /// their later bursts of work (commits, checks, the queue) coincide on the cores too. Never throws: a briefing renders
    /// the map itself when this could not.
    /// </summary>
    public async Task RenderBaseMapAsync(RepositoryInfo repository, CancellationToken cancellationToken = default)
    {
        try
        {
            var clone = await workspaces.EnsureCloneAsync(repository, cancellationToken);
            var baseCommit = await services.Git.RevParseAsync(clone, $"refs/remotes/origin/{repository.DefaultBranch}", cancellationToken);
            await services.CodeMaps.OfAsync(services.Git, clone, baseCommit, CodeMapBudget.Writer, cancellationToken);
        }
        catch (Exception)
        {
            // Whatever stopped it (a clone that cannot be made, a git that fails, the run cancelled): an optimisation only;
            // the first briefing renders the map, and reports what fails, as it always did.
        }
    }

    /// <summary>The work trees and clones of this runner's squads.</summary>
    internal WorkspaceManager Workspaces => workspaces;

    /// <summary>Outcomes a later run leaves alone.</summary>
    public static bool IsSettled(SquadRecord record)
        => record.Outcome is SquadOutcome.Merged or SquadOutcome.NeedsHuman or SquadOutcome.BudgetExceeded or SquadOutcome.Refused or SquadOutcome.Reverted;

    public async Task<SquadRecord> RunAsync(string runId, Milestone milestone, Issue issue, CancellationToken cancellationToken = default)
    {
        var milestoneKey = milestone.Key;
        var existing = await services.Store.GetSquadAsync(milestoneKey, issue.Identifier, cancellationToken);
        var hash = IntakeHash(issue);
        if (existing is not null && IsSettled(existing) && !MayRestart(existing, hash))
        {
            var touched = existing with { RunId = runId };
            await services.Store.SaveSquadAsync(touched, cancellationToken);
            services.Progress?.Report(issue.Identifier, existing.Step, $"already {existing.Outcome}: nothing to do");

            // A run killed after the squad settled but before it cleaned up left its folders: they go now, not never.
            await workspaces.RemoveLeftoversAsync(issue.Identifier, cancellationToken);
            return touched;
        }

        var record = existing ?? new SquadRecord
        {
            MilestoneKey = milestoneKey,
            IssueIdentifier = issue.Identifier,
            RunId = runId,
            IssueTitle = issue.Title,
            UpdatedAt = services.Time.GetUtcNow(),
        };
        var session = new SquadSession(services, runId, issue, record with { Outcome = SquadOutcome.Running, Reason = null, IssueUrl = issue.Url ?? record.IssueUrl })
        {
            RepositoryName = milestone.Repository,
            Queue = queue,
        };
        await session.SaveAsync(r => r, cancellationToken);
        if (existing?.Outcome == SquadOutcome.BudgetExceeded)
        {
            await session.Journal.SetAsync($"tracker:budget-resumed:{runId}", () => services.Tracker.SetLabelAsync(
                issue.Identifier, BudgetExceededLabel, false, cancellationToken), cancellationToken);
        }

        if (existing?.Outcome == SquadOutcome.Failed && existing.Effects.Any(e => e.StartsWith("tracker:failed:", StringComparison.Ordinal)))
        {
            // Running again: the failure it was labelled for no longer holds (a new one labels it again).
            await session.Journal.SetAsync($"tracker:unfailed:{runId}", () => services.Tracker.SetLabelAsync(
                issue.Identifier, FailedLabel, false, cancellationToken), cancellationToken);
        }

        return await RunSessionAsync(session, hash, cancellationToken);
    }

    /// <summary>
    /// A refused issue is judged again once its text changes; a squad its budget stopped resumes once
    /// the budgets of this run allow another call (raised or removed), never on its own.
    /// </summary>
    /// <remarks>
    /// A triggered bug fix also restarts a stub an earlier milestone run refused, or whose diagnosis found nothing,
    /// as long as no pull request was opened for it.
    /// </remarks>
    private bool MayRestart(SquadRecord existing, string hash) => existing.Outcome switch
    {
        SquadOutcome.Refused => existing.IntakeHash != hash || (services.Options.DiagnoseBugs && existing.Diagnosis is null),
        SquadOutcome.NeedsHuman => services.Options.DiagnoseBugs && existing.Diagnosis is null && existing.PullRequestNumber is null,
        SquadOutcome.BudgetExceeded => audit.BudgetExceeded(existing.IssueIdentifier) is null,
        _ => false,
    };

    /// <summary>Ends a squad without starting it (blocked by another issue, or already done in the tracker).</summary>
    public async Task<SquadRecord> SettleWithoutWorkAsync(string runId, string milestoneKey, Issue issue, SquadOutcome outcome, string reason, CancellationToken cancellationToken = default)
    {
        var record = (await services.Store.GetSquadAsync(milestoneKey, issue.Identifier, cancellationToken)
            ?? new SquadRecord { MilestoneKey = milestoneKey, IssueIdentifier = issue.Identifier, RunId = runId, IssueTitle = issue.Title, IssueUrl = issue.Url, UpdatedAt = services.Time.GetUtcNow() })
            with
        { RunId = runId, Outcome = outcome, Reason = reason, UpdatedAt = services.Time.GetUtcNow() };
        await services.Store.SaveSquadAsync(record, cancellationToken);
        services.Progress?.Report(issue.Identifier, record.Step, reason);
        await workspaces.RemoveLeftoversAsync(issue.Identifier, cancellationToken);
        return record;
    }

    private async Task<SquadRecord> RunSessionAsync(SquadSession session, string hash, CancellationToken cancellationToken)
    {
        using var activity = Telemetry.SquadTelemetry.StartSquad(session.Id, session.Record.MilestoneKey, session.RunId);
        try
        {
            if (!await DiagnoseAsync(session, cancellationToken) || !await IntakeAsync(session, hash, cancellationToken))
            {
                return session.Record;
            }

            await PrepareAsync(session, cancellationToken);
            await BuildAsync(session, cancellationToken);
            await reviewLoop.RunAsync(session, cancellationToken);
            return session.Record;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the user: the squad stays resumable from its last completed step.
            await session.SaveAsync(r => r with { Outcome = SquadOutcome.Failed, Reason = "stopped before it finished; run again to resume" }, CancellationToken.None);
            throw;
        }
        catch (SquadException ex) when (ex.Code == SquadErrorCode.BudgetExceeded)
        {
            await StopOverBudgetAsync(session, ex.Message);
            return session.Record;
        }
        catch (SquadException ex)
        {
            // An exhausted script, a model or host failure, a broken setup: this squad ends, the others go on.
            await FailAsync(session, ex.Message);
            return session.Record;
        }
        finally
        {
            Telemetry.SquadTelemetry.EndSquad(activity, session.Record.Outcome.ToString());
            queue.Forget(session.Id);
            if (session.CommitCopy is { } commitCopy)
            {
                await workspaces.RemoveAsync(commitCopy.Copy, CancellationToken.None);
            }

            if (session.Workspace is { } workspace)
            {
                await workspaces.RemoveAsync(workspace, CancellationToken.None);
            }
        }
    }

    private async Task<bool> IntakeAsync(SquadSession session, string hash, CancellationToken cancellationToken)
    {
        if (session.Record.Step >= SquadStep.Intake && session.Record.IntakeHash == hash)
        {
            session.Scenarios = IntakeGate.ReadCriteria(IssueSanitizer.Sanitize(session.Issue.Description), session.Record.Diagnosis).Scenarios;
            return true;
        }

        await session.ReportAsync(SquadStep.Intake, "checking acceptance criteria and size", cancellationToken);
        var decision = new IntakeGate(services.Options.Intake).Evaluate(session.Issue, session.Record.Diagnosis);
        if (!decision.IsAccepted)
        {
            await session.Journal.CommentOnIssueAsync($"tracker:refused:{hash}", Sign($"Squad cannot take this issue yet.\n\n{decision.Reason}"),
                cancellationToken, label: RefusedLabel);
            await session.SaveAsync(r => r with { Outcome = SquadOutcome.Refused, Reason = decision.Reason, IntakeHash = hash, Step = SquadStep.Intake }, cancellationToken);
            await session.ReportAsync(SquadStep.Intake, "refused: " + decision.Problems[0], cancellationToken);
            return false;
        }

        session.Scenarios = decision.Scenarios;
        if (session.Record.Effects.Any(e => e.StartsWith("tracker:refused:", StringComparison.Ordinal)))
        {
            // Refused once, accepted now: the label no longer holds.
            await session.Journal.SetAsync($"tracker:accepted:{hash}", () => services.Tracker.SetLabelAsync(session.Id, RefusedLabel, false, cancellationToken), cancellationToken);
        }

        await session.SaveAsync(r => r with { IntakeHash = hash, Step = SquadStep.Intake }, cancellationToken);
        return true;
    }

    /// <summary>
    /// A triggered bug fix of an issue without acceptance criteria: the read-only Diagnostician works in a detached
    /// checkout of the default branch and submits a hypothesis, a fix plan and a scenario. The diagnosis is stored,
    /// posted to the tracker, and becomes the spec intake judges. False when it found nothing usable: a person takes over.
    /// </summary>
    private async Task<bool> DiagnoseAsync(SquadSession session, CancellationToken cancellationToken)
    {
        if (session.Record.Diagnosis is { } stored)
        {
            // A resume after a stop between storing the diagnosis and posting it still posts it, once.
            await session.Journal.CommentOnIssueAsync("tracker:diagnosis", Sign(stored), cancellationToken);
            return true;
        }

        if (!services.Options.DiagnoseBugs || new AcceptanceCriteriaParser().Parse(IssueSanitizer.Sanitize(session.Issue.Description)).BlockCount > 0)
        {
            return true;
        }

        await session.ReportAsync(SquadStep.Diagnosis, "diagnosing the bug from its report and the code", cancellationToken);
        await ReadErrorEventAsync(session, cancellationToken);
        session.Repository = await services.CodeHost.GetRepositoryAsync(session.RepositoryName, cancellationToken);
        var agent = services.Agents[Role.Diagnostician];
        session.Config = await workspaces.LoadBaseConfigAsync(session.Repository, cancellationToken);
        var baseRef = $"refs/remotes/origin/{session.Repository.DefaultBranch}";
        var workspace = await workspaces.CreateDetachedAsync(session.Repository, baseRef, $"{session.Id}-{agent.Name}", cancellationToken);
        AgentResult result;
        try
        {
            // Its commands run in a throwaway copy: nothing they do changes the tree it reads.
            await using var commands = new CommandCopy(workspaces, session, baseRef, baseRef, $"{session.Id}-{agent.Name}-commands");
            result = await passes.RunAsync(session, Role.Diagnostician, SquadTasks.Diagnose, workspace.Path, null, cancellationToken, commands);
        }
        finally
        {
            await workspaces.RemoveAsync(workspace, CancellationToken.None);
        }

        if (result.Diagnosis is not { } diagnosis)
        {
            var why = result.StopReason == AgentStopReason.MaxTurns ? "it ran out of turns" : "it ended without submitting one";
            var reason = $"the Diagnostician found no diagnosis ({why}): add the acceptance criteria by hand, or more detail to the report and trigger the fix again";
            await session.Journal.CommentOnIssueAsync($"tracker:no-diagnosis:{session.RunId}",
                Sign($"Squad could not diagnose this bug: {reason}.\n\n{result.FinalText}".TrimEnd()), cancellationToken, label: "squad:needs-human");
            await session.SaveWithPassesAsync(r => r with { Outcome = SquadOutcome.NeedsHuman, Reason = reason }, cancellationToken);
            await session.ReportAsync(SquadStep.Diagnosis, "needs a person: " + reason, cancellationToken);
            return false;
        }

        var markdown = services.Redactor.Redact(diagnosis.ToMarkdown());
        await session.SaveWithPassesAsync(r => r with { Diagnosis = markdown, Step = SquadStep.Diagnosis, Reason = null }, cancellationToken);
        await session.Journal.CommentOnIssueAsync("tracker:diagnosis", Sign(markdown), cancellationToken);
        var scenarios = IntakeGate.ReadCriteria("", markdown).Scenarios.Select(s => $"'{s.Name}'");
        var summary = $"diagnosis: {FirstSentence(diagnosis.Hypothesis)} Scenario the fix must satisfy: {string.Join(", ", scenarios)}";
        await session.ReportAsync(SquadStep.Diagnosis,
            services.Redactor.Redact($"{summary}\n```\n{diagnosis.Scenario.Trim()}\n```"), cancellationToken);
        return true;
    }

    /// <summary>
    /// A stub that links to the error tracker gets the latest event's stack trace for the Diagnostician. A failure to read
    /// it is reported and the diagnosis goes on from the stub alone.
    /// </summary>
    private async Task ReadErrorEventAsync(SquadSession session, CancellationToken cancellationToken)
    {
        if (services.ErrorTracker is not { } tracker || tracker.FindLink(IssueSanitizer.Sanitize(session.Issue.Description)) is not { } link)
        {
            return;
        }

        try
        {
            session.ErrorEvent = await tracker.ReadLatestEventAsync(link, cancellationToken);
            var headline = session.ErrorEvent.Split('\n', 2)[0];
            await session.ReportAsync(SquadStep.Diagnosis, services.Redactor.Redact($"read the latest event of {link}: {headline}"), cancellationToken);
        }
        catch (SquadException ex)
        {
            await session.ReportAsync(SquadStep.Diagnosis, services.Redactor.Redact($"could not read {link} ({ex.Message}): diagnosing from the stub alone"), cancellationToken);
        }
    }

    private static string FirstSentence(string text)
    {
        var line = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var end = line.IndexOf(". ", StringComparison.Ordinal);
        line = end > 0 ? line[..(end + 1)] : line;
        return line.Length <= 280 ? line : line[..277] + "...";
    }

    private async Task PrepareAsync(SquadSession session, CancellationToken cancellationToken)
    {
        session.Repository = await services.CodeHost.GetRepositoryAsync(session.RepositoryName, cancellationToken);
        session.Config = await workspaces.LoadBaseConfigAsync(session.Repository, cancellationToken);
        var branch = session.Record.Branch ?? session.Issue.BranchName ?? BranchName(session.Issue);
        await session.ReportAsync(SquadStep.Workspace, $"work tree on {branch}", cancellationToken);
        session.Workspace = await workspaces.CreateAsync(session.Repository, branch, session.Id, SetUpFor(session, cancellationToken), cloneFetched: true, cancellationToken);
        await session.SaveAsync(r => r with { Branch = branch }, cancellationToken);
        await session.CompleteStepAsync(SquadStep.Workspace, cancellationToken);
        await session.Journal.SetAsync("tracker:started", () => services.Tracker.MoveAsync(session.Id, IssueStateType.Started, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The repository's set-up for a tree, or null when it has none (a copy then needs no check of what it touched). Its
    /// rules are the base's set-up commands, their limits and the sandbox: a tree set up on a base tree already set up
    /// under them in this run may get a copy of those outputs (<see cref="SetupOutputs"/>), and progress says so.
    /// </summary>
    internal static CopySetUp? SetUpFor(SquadSession session, CancellationToken cancellationToken, SquadStep? step = null)
        => session.Config.Setup.Count == 0
            ? null
            : new CopySetUp(
                path => SetUpAsync(session, path, cancellationToken, step),
                GuardrailResults.Key("", "", [], session.Config, session.Services.Sandbox.Info.Description),
                () => session.ReportAsync(step ?? session.Record.Step,
                    $"setup: {string.Join(", ", session.Config.Setup)} already ran on this base under the same rules: outputs copied, not run again", cancellationToken));

    /// <summary>
    /// The repository's setup commands (restoring dependencies) with the network, on base-branch content only. A failure
    /// fails the squad with the command's output: nothing an agent did caused it.
    /// </summary>
    /// <param name="session">The squad whose base-branch configuration names the set-up.</param>
    /// <param name="path">The folder set up.</param>
    /// <param name="cancellationToken">Stops the commands.</param>
    /// <param name="step">The step progress reports it under (a Developer's commit copy is set up during implementation
    /// or a fix, the queue's during the merge); the squad's stored step when not given.</param>
    internal static async Task SetUpAsync(SquadSession session, string path, CancellationToken cancellationToken, SquadStep? step = null)
    {
        if (session.Config.Setup.Count == 0)
        {
            return;
        }

        await session.ReportAsync(step ?? session.Record.Step, $"setup: {string.Join(", ", session.Config.Setup)}", cancellationToken);
        var failure = await session.Services.Commands(session.Config).RunSetupAsync(path, cancellationToken);
        if (failure is not null)
        {
            throw new SquadException(SquadErrorCode.InvalidInput,
                $"the repository's setup command '{failure.Name}' failed (exit {failure.ExitCode}) on the base branch: {CommandRunner.Truncate(failure.Output, 600).Trim()}");
        }
    }

    private async Task BuildAsync(SquadSession session, CancellationToken cancellationToken)
    {
        var path = session.Workspace!.Path;
        var journal = session.Journal;
        if (session.Record.Step < SquadStep.QaTests && !await journal.ResumePushedStepAsync(SquadStep.QaTests, services.Agents[Role.Qa].Name, cancellationToken))
        {
            var bugFix = session.Record.Diagnosis is not null;
            var qa = await passes.RunAsync(session, Role.Qa, bugFix ? SquadTasks.RegressionTests : SquadTasks.QaTests, path, null, cancellationToken);
            RequireCommit(qa, "QA", "tests");
            await new QaCheck(passes).RunAsync(session, path, bugFix, cancellationToken);

            await journal.PushStepAsync(SquadStep.QaTests, () => PushAsync(session, cancellationToken), cancellationToken);
        }

        if (session.Record.Step < SquadStep.Implementation
            && !await journal.ResumePushedStepAsync(SquadStep.Implementation, services.Agents[Role.Developer].Name, cancellationToken))
        {
            // Its commit checks' copy comes next: its spare is copied while the Developer waits for its model, not on the way
            // to that step (nor during set-up, where every squad makes its tree at once).
            workspaces.MakeSparesAhead(session.Workspace!.ClonePath, session.Workspace.Path, 1);
            var developer = await passes.RunAsync(session, Role.Developer, SquadTasks.Implement, path, null, cancellationToken);
            RequireCommit(developer, "Developer", "an implementation");
            await journal.PushStepAsync(SquadStep.Implementation, () => PushAsync(session, cancellationToken), cancellationToken, r => r with { Reason = null });
            await PullRequests.OpenAsync(session, developer.FinalText, cancellationToken);
        }
        else if (session.Record.Step < SquadStep.PullRequest)
        {
            await PullRequests.OpenAsync(session, "", cancellationToken);
        }
    }

    internal static async Task PushAsync(SquadSession session, CancellationToken cancellationToken)
    {
        var workspace = session.Workspace!;
        await session.Services.CodeHost.PushAsync(session.Repository.Name, workspace.Path, workspace.Branch!, cancellationToken);
        if (session.Queue is { } queue)
        {
            // Foresight: what the branch now changes against the base, seen by the other squads of the run.
            var diff = await DiffSize.MeasureAsync(session.Services.Git, workspace.Path, $"refs/remotes/origin/{session.Repository.DefaultBranch}", "HEAD", cancellationToken, bytes: false);
            queue.RecordPush(session.Id, new Queue.PushedDiff(diff.Paths, diff.Lines));
        }
    }

    private static void RequireCommit(AgentResult result, string who, string what)
    {
        if (result.Commits.Count == 0)
        {
            var why = result.StopReason == AgentStopReason.MaxTurns ? "it ran out of turns" : "it ended without committing";
            throw new SquadException(SquadErrorCode.Model, $"the {who} agent made no commit of {what}: {why}");
        }
    }

    private async Task FailAsync(SquadSession session, string reason)
    {
        var safe = services.Redactor.Redact(reason);
        await session.SaveAsync(r => r with { Outcome = SquadOutcome.Failed, Reason = safe }, CancellationToken.None);
        await session.ReportAsync(session.Record.Step, "failed: " + safe, CancellationToken.None);
        await session.Journal.CommentOnIssueAsync($"tracker:failed:{session.RunId}", Sign($"Squad stopped on this issue: {safe}"),
            CancellationToken.None, label: FailedLabel);
    }

    /// <summary>An expected end, not a failure: the squad says why on its PR and in the tracker, and stays settled.</summary>
    private async Task StopOverBudgetAsync(SquadSession session, string reason)
    {
        await session.SaveAsync(r => r with { Outcome = SquadOutcome.BudgetExceeded, Reason = reason }, CancellationToken.None);
        await session.ReportAsync(session.Record.Step, reason, CancellationToken.None);
        var text = Sign($"Squad stopped on this issue: {reason}. Raise the budget and run again to resume.");
        if (session.Record.PullRequestNumber is { } number)
        {
            await session.Journal.CommentOnPullRequestAsync($"pr:budget:{session.RunId}", number, services.Orchestrator, text, CancellationToken.None);
        }

        await session.Journal.CommentOnIssueAsync($"tracker:budget:{session.RunId}", text, CancellationToken.None, label: BudgetExceededLabel);
    }

    private string Sign(string text) => services.Redactor.Redact(text) + $"\n\n---\nSquad · {services.ModelLine}";

    /// <summary>The branch Squad works on when the tracker suggests none: <c>squad/&lt;id&gt;-&lt;title slug&gt;</c>.</summary>
    internal static string BranchName(Issue issue)
    {
        var slug = new string([.. issue.Title.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
        while (slug.Contains("--", StringComparison.Ordinal))
        {
            slug = slug.Replace("--", "-", StringComparison.Ordinal);
        }

        slug = slug.Trim('-');
        return $"squad/{issue.Identifier.ToLowerInvariant()}-{slug[..Math.Min(slug.Length, 40)].TrimEnd('-')}";
    }

    public static string IntakeHash(Issue issue)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{issue.Title}\n{issue.Estimate}\n{issue.Description}")));
}
