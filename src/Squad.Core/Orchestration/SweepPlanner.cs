using System.Globalization;
using Squad.Core.Domain;
using Squad.Core.Forge;

namespace Squad.Core.Orchestration;

/// <summary>
/// Decides, for each issue of a milestone a sweep loaded, whether to start its squad or leave it alone. A sweep never
/// starts a second squad for an issue in flight or with an open pull request, never redoes settled work, and leaves an
/// issue whose blocker it leaves alone waiting too.
/// </summary>
/// <param name="store">The squads of earlier runs, by milestone and issue.</param>
/// <param name="codeHost">Where open pull requests are looked up.</param>
/// <param name="time">The clock the lease of a running squad is measured on.</param>
public sealed class SweepPlanner(IRunStore store, ICodeHost codeHost, TimeProvider time)
{
    /// <summary>How long a running squad holds its issue after its record's last update; past it, the squad is taken as crashed and resumable.</summary>
    public static readonly TimeSpan DefaultLease = TimeSpan.FromHours(1);

    public TimeSpan Lease { get; init; } = DefaultLease;

    public async Task<SweepPlan> PlanAsync(Milestone milestone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        var skips = new Dictionary<string, SweepSkip?>(StringComparer.Ordinal);
        foreach (var issue in milestone.Issues)
        {
            skips[issue.Identifier] = await JudgeAsync(milestone, issue, cancellationToken);
        }

        HoldBlocked(milestone.Issues, skips);
        var start = milestone.Issues
            .Where(i => skips[i.Identifier] is null)
            .Select(i => i with { BlockedBy = [.. i.BlockedBy.Where(b => skips.TryGetValue(b, out var skip) && skip is null)] })
            .ToList();
        return new SweepPlan
        {
            Milestone = milestone,
            Start = start,
            Skipped = [.. milestone.Issues.Select(i => skips[i.Identifier]).OfType<SweepSkip>()],
        };
    }

    /// <summary>The issue's own reason to be left alone, before its blockers are considered; null to start it.</summary>
    private async Task<SweepSkip?> JudgeAsync(Milestone milestone, Issue issue, CancellationToken cancellationToken)
    {
        if (issue.StateType is IssueStateType.Completed or IssueStateType.Canceled)
        {
            return Skip(issue, SweepSkipKind.Done, $"already {issue.State} in the tracker");
        }

        var record = await store.GetSquadAsync(milestone.Key, issue.Identifier, cancellationToken);
        if (record is not null && JudgeRecord(issue, record) is { } settled)
        {
            return settled;
        }

        return await JudgePullRequestAsync(milestone.Repository, issue, record, cancellationToken);
    }

    private SweepSkip? JudgeRecord(Issue issue, SquadRecord record)
    {
        var age = time.GetUtcNow() - record.UpdatedAt;
        return record.Outcome switch
        {
            SquadOutcome.Merged => Skip(issue, SweepSkipKind.Done, "already merged" + PullRequestText(record.PullRequestNumber), record.PullRequestNumber),
            SquadOutcome.Running when age < Lease => Skip(issue, SweepSkipKind.InFlight,
                $"in flight: its squad (run {record.RunId}) last reported {Minutes(age)} ago, at {record.Step}; after {Minutes(Lease)} without news it is taken as crashed"),
            SquadOutcome.Refused when record.IntakeHash != SquadRunner.IntakeHash(issue) => null,
            _ when SquadRunner.IsSettled(record) => Skip(issue, SweepSkipKind.Settled,
                $"already {record.Outcome}{PullRequestText(record.PullRequestNumber)}: {record.Reason ?? "nothing to do"}", record.PullRequestNumber),
            _ => null,
        };
    }

    /// <summary>
    /// The squad's own pull request first, then any on the issue's branch (its squad's, the tracker's, or the one Squad
    /// would make): open holds the issue, merged means done.
    /// </summary>
    private async Task<SweepSkip?> JudgePullRequestAsync(string repository, Issue issue, SquadRecord? record, CancellationToken cancellationToken)
    {
        if (record?.PullRequestNumber is { } number
            && Judge(issue, await codeHost.GetPullRequestAsync(repository, number, cancellationToken)) is { } bySquad)
        {
            return bySquad;
        }

        var branch = record?.Branch ?? issue.BranchName ?? SquadRunner.BranchName(issue);
        return await codeHost.FindPullRequestAsync(repository, branch, cancellationToken) is { } pullRequest
            ? Judge(issue, pullRequest)
            : null;
    }

    private static SweepSkip? Judge(Issue issue, PullRequest pullRequest) => pullRequest.State switch
    {
        PullRequestState.Open => Skip(issue, SweepSkipKind.OpenPullRequest,
            $"has open pull request #{pullRequest.Number} on {pullRequest.HeadBranch} ({pullRequest.Url}): finish or close it; 'squad run' resumes Squad's own", pullRequest.Number),
        PullRequestState.Merged => Skip(issue, SweepSkipKind.Done,
            $"its pull request #{pullRequest.Number} is already merged: move the issue to done", pullRequest.Number),
        _ => null,
    };

    /// <summary>An issue waits while any blocker is left alone for a reason other than being done, or is outside the sweep.</summary>
    private static void HoldBlocked(IReadOnlyList<Issue> issues, Dictionary<string, SweepSkip?> skips)
    {
        // Holding one issue can hold those it blocks, so repeat until nothing changes.
        for (var changed = true; changed;)
        {
            changed = false;
            foreach (var issue in issues.Where(i => skips[i.Identifier] is null))
            {
                if (Waiting(issue, skips) is { } wait)
                {
                    skips[issue.Identifier] = wait;
                    changed = true;
                }
            }
        }
    }

    private static SweepSkip? Waiting(Issue issue, Dictionary<string, SweepSkip?> skips)
    {
        foreach (var blocker in issue.BlockedBy)
        {
            if (!skips.TryGetValue(blocker, out var skip))
            {
                return Skip(issue, SweepSkipKind.WaitsForBlocker, $"waits for {blocker}, which is not in this sweep: finish it first");
            }

            if (skip is { Kind: not SweepSkipKind.Done })
            {
                return Skip(issue, SweepSkipKind.WaitsForBlocker, $"waits for {blocker} ({Describe(skip.Kind)})");
            }
        }

        return null;
    }

    private static string Describe(SweepSkipKind kind) => kind switch
    {
        SweepSkipKind.InFlight => "in flight",
        SweepSkipKind.OpenPullRequest => "its pull request is open",
        SweepSkipKind.Settled => "settled without merging",
        _ => "waiting itself",
    };

    private static SweepSkip Skip(Issue issue, SweepSkipKind kind, string reason, int? pullRequest = null)
        => new() { Issue = issue, Kind = kind, Reason = reason, PullRequestNumber = pullRequest };

    private static string PullRequestText(int? number) => number is { } n ? $" (pull request #{n})" : "";

    private static string Minutes(TimeSpan span)
        => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)span.TotalMinutes)} min");
}
