using Squad.Core.Audit;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Orchestration;

namespace Squad.Cli;

/// <summary>Builds the status document of a run from the store and the code host.</summary>
internal static class StatusBuilder
{
    private static readonly string[] RoleOrder = [RoleNames.Diagnostician, RoleNames.Qa, RoleNames.Developer, RoleNames.CodeReviewer, RoleNames.QaSpecialist];

    public static async Task<StatusDocument> BuildAsync(RunRecord run, IReadOnlyList<SquadRecord> squads, ICodeHost host, UsageSummary usage, CancellationToken cancellationToken)
    {
        var dtos = new List<SquadDto>();
        foreach (var squad in squads)
        {
            dtos.Add(new SquadDto
            {
                Issue = squad.IssueIdentifier,
                Title = squad.IssueTitle,
                Outcome = OutcomeName(squad.Outcome),
                Reason = squad.Reason,
                Step = squad.Step.ToString(),
                Branch = squad.Branch,
                ReviewRounds = squad.ReviewRounds,
                ConflictRounds = squad.ConflictRounds,
                QueueWaitSeconds = Math.Round(squad.QueueWait.TotalSeconds, 1),
                MergeCommit = squad.MergeCommitSha,
                Diagnosis = squad.Diagnosis,
                RegressionCheck = squad.RegressionCheck,
                Verification = squad.PostMerge switch
                {
                    null => null,
                    { Passed: true } => "passed",
                    var failed => $"failed: '{failed.FailedCommand}' exited {failed.ExitCode}",
                },
                RevertPullRequest = squad.PostMerge?.RevertPullRequestNumber,
                PullRequest = squad.PullRequestNumber is { } number ? await PullRequestAsync(run.Repository, number, host, cancellationToken) : null,
                Usage = UsageDto.From(usage.ByIssue.GetValueOrDefault(squad.IssueIdentifier)),
            });
        }

        return new StatusDocument
        {
            Run = RunOf(run),
            Squads = dtos,
            Queue = QueueDto.From(squads),
            Roles = [.. usage.ByRole
                .OrderBy(r => Array.IndexOf(RoleOrder, r.Key) is var i and >= 0 ? i : RoleOrder.Length).ThenBy(r => r.Key, StringComparer.Ordinal)
                .Select(r => new RoleUsageDto { Role = r.Key, Usage = UsageDto.From(r.Value) })],
            Usage = UsageDto.From(usage.Total),
        };
    }

    public static RunDto RunOf(RunRecord run) => new()
    {
        Id = run.Id,
        Milestone = run.MilestoneName,
        MilestoneKey = run.MilestoneKey,
        Repository = run.Repository,
        Model = run.Model,
        Scripted = run.Model.StartsWith("scripted", StringComparison.Ordinal),
        Status = run.Status.ToString().ToLowerInvariant(),
        StartedAt = run.StartedAt,
        FinishedAt = run.FinishedAt,
    };

    public static string OutcomeName(SquadOutcome outcome) => outcome switch
    {
        SquadOutcome.NeedsHuman => "needs-human",
        SquadOutcome.BudgetExceeded => "budget-exceeded",
        _ => outcome.ToString().ToLowerInvariant(),
    };

    private static async Task<PullRequestDto> PullRequestAsync(string repository, int number, ICodeHost host, CancellationToken cancellationToken)
    {
        var pullRequest = await host.GetPullRequestAsync(repository, number, cancellationToken);
        var commits = await host.ListCommitsAsync(repository, number, cancellationToken);
        var reviews = await host.ListReviewsAsync(repository, number, cancellationToken);
        var comments = await host.ListCommentsAsync(repository, number, cancellationToken);
        return new PullRequestDto
        {
            Number = number,
            Url = pullRequest.Url,
            State = pullRequest.State.ToString().ToLowerInvariant(),
            Author = pullRequest.Author,
            HeadSha = pullRequest.HeadSha,
            Commits = [.. commits.Select(c => new CommitDto { Sha = c.Sha, Author = c.AuthorName, Email = c.AuthorEmail, Subject = c.Message.Split('\n')[0] })],
            Reviews = [.. reviews.Select(r => new ReviewDto
            {
                Author = r.Author,
                Verdict = r.Verdict switch { Verdict.Approve => "approve", Verdict.RequestChanges => "request_changes", _ => "comment" },
                CommitSha = r.CommitSha,
                SubmittedAt = r.SubmittedAt,
            })],
            Comments = [.. comments.Select(c => new CommentDto { Author = c.Author, CreatedAt = c.CreatedAt })],
        };
    }
}
