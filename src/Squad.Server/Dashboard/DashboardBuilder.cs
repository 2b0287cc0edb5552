using Squad.Core.Audit;
using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Server.Dashboard;

/// <summary>Reads runs, squads, events and usage from the store and shapes them for the page: read-only.</summary>
internal sealed class DashboardBuilder(IRunStore store, IAuditLog audit, TimeProvider time)
{
    private const int RunsListed = 20;

    private static readonly string[] RoleOrder = [RoleNames.Diagnostician, RoleNames.Qa, RoleNames.Developer, RoleNames.CodeReviewer, RoleNames.QaSpecialist];

    public async Task<DashboardSnapshot> SnapshotAsync(KillSwitchState killSwitch, CancellationToken cancellationToken)
    {
        var runs = new List<DashboardRunSummary>();
        foreach (var run in await store.ListRunsAsync(RunsListed, cancellationToken))
        {
            var squads = await store.ListSquadsAsync(run.Id, cancellationToken);
            var usage = await audit.SummarizeRunAsync(run.Id, cancellationToken);
            runs.Add(Summary(run, squads.Count, usage.Total));
        }

        return new DashboardSnapshot { GeneratedAt = time.GetUtcNow(), Runs = runs, KillSwitch = killSwitch };
    }

    /// <summary>The run, or null when the store has no such run.</summary>
    public async Task<DashboardRun?> RunAsync(string runId, KillSwitchState killSwitch, bool offline, CancellationToken cancellationToken)
    {
        if (await store.GetRunAsync(runId, cancellationToken) is not { } run)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var squads = await store.ListSquadsAsync(run.Id, cancellationToken);
        var events = await store.ListEventsAsync(run.Id, cancellationToken);
        var usage = await audit.SummarizeRunAsync(run.Id, cancellationToken);
        var live = run.Status == RunStatus.Running;
        return new DashboardRun
        {
            GeneratedAt = now,
            Offline = offline,
            Run = Summary(run, squads.Count, usage.Total),
            Squads = [.. squads.Select(squad => Squad(run, squad, events.Where(e => e.IssueIdentifier == squad.IssueIdentifier), live, now, offline))],
            Roles = [.. usage.ByRole
                .OrderBy(r => Array.IndexOf(RoleOrder, r.Key) is var i and >= 0 ? i : RoleOrder.Length).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => DashboardUsage.From(r.Key, r.Value))],
            Issues = [.. squads.Select(s => DashboardUsage.From(s.IssueIdentifier, usage.ByIssue.GetValueOrDefault(s.IssueIdentifier)))],
            KillSwitch = killSwitch,
        };
    }

    /// <summary>One squad's model and tool calls in the run; arguments and answers stay out (the audit command has them).</summary>
    public async Task<DashboardAudit> AuditAsync(string runId, string issue, CancellationToken cancellationToken)
    {
        var modelCalls = await audit.ListModelCallsAsync(runId, cancellationToken);
        var toolCalls = await audit.ListToolCallsAsync(runId, cancellationToken);
        return new DashboardAudit
        {
            RunId = runId,
            Issue = issue,
            ModelCalls = [.. modelCalls.Where(c => c.IssueIdentifier == issue).Select(c => new DashboardModelCall
            {
                At = c.At,
                Role = c.Role,
                Pass = c.Pass,
                Model = $"{c.Provider}:{c.ModelId}",
                InputTokens = c.InputTokens,
                OutputTokens = c.OutputTokens,
                CostUsd = c.CostUsd,
                RequestSha256 = c.RequestSha256,
                ResponseSha256 = c.ResponseSha256,
            })],
            ToolCalls = [.. toolCalls.Where(c => c.IssueIdentifier == issue).Select(c => new DashboardToolCall
            {
                At = c.At,
                Role = c.Role,
                Tool = c.Tool,
                Status = c.Status.ToString().ToLowerInvariant(),
                ExitCode = c.ExitCode,
                DurationMs = Math.Round(c.Duration.TotalMilliseconds, 3),
            })],
        };
    }

    private static DashboardSquad Squad(RunRecord run, SquadRecord squad, IEnumerable<SquadEvent> events, bool live, DateTimeOffset now, bool offline) => new()
    {
        Issue = squad.IssueIdentifier,
        Title = squad.IssueTitle,
        Outcome = OutcomeName(squad.Outcome),
        Step = squad.Step.ToString(),
        Reason = squad.Reason,
        Branch = squad.Branch,
        ReviewRounds = squad.ReviewRounds,
        IssueUrl = WebLink(squad.IssueUrl),
        PullRequestNumber = squad.PullRequestNumber,
        PullRequestUrl = WebLink(squad.PullRequestUrl),
        PullRequestLocation = WebLink(squad.PullRequestUrl) is null ? squad.PullRequestUrl : null,
        AuditUrl = offline ? null : $"api/runs/{Uri.EscapeDataString(run.Id)}/audit?issue={Uri.EscapeDataString(squad.IssueIdentifier)}",
        Timeline = DashboardTimeline.Build(events, live && squad.Outcome == SquadOutcome.Running, now),
    };

    private static DashboardRunSummary Summary(RunRecord run, int squads, Usage total) => new()
    {
        Id = run.Id,
        Milestone = run.MilestoneName,
        Repository = run.Repository,
        Model = run.Model,
        Scripted = run.Model.StartsWith("scripted", StringComparison.Ordinal),
        Status = run.Status.ToString().ToLowerInvariant(),
        StartedAt = run.StartedAt,
        FinishedAt = run.FinishedAt,
        Squads = squads,
        Usage = DashboardUsage.From("total", total),
    };

    private static string OutcomeName(SquadOutcome outcome) => outcome switch
    {
        SquadOutcome.NeedsHuman => "needs-human",
        SquadOutcome.BudgetExceeded => "budget-exceeded",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    /// <summary>Only http(s) addresses become links: a tracker or agent could hand us <c>javascript:</c> or <c>data:</c>.</summary>
    private static string? WebLink(string? url)
        => Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.AbsoluteUri : null;
}
