using Microsoft.Data.Sqlite;
using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Storage;

/// <summary>The column lists the store selects, and the records built from them, in the same order.</summary>
internal static class SqliteRows
{
    public const string RunColumns =
        "id, milestone_key, milestone_name, repository, model, status, started_at, finished_at";

    public const string SquadColumns =
        "s.milestone_key, s.issue_identifier, s.run_id, s.issue_title, s.step, s.outcome, s.reason, s.branch, " +
        "s.pull_request_number, s.pull_request_url, s.review_rounds, s.merge_commit_sha, s.passes, s.effects, " +
        "s.intake_hash, s.updated_at, s.diagnosis, s.regression_check, s.pending_effects, s.conflict_rounds, s.queued_at, s.queue_wait_ms, s.issue_url, s.post_merge";

    public const string EventColumns = "run_id, issue_identifier, step, message, at";

    public static RunRecord ReadRun(SqliteDataReader reader) => new()
    {
        Id = reader.GetString(0),
        MilestoneKey = reader.GetString(1),
        MilestoneName = reader.GetString(2),
        Repository = reader.GetString(3),
        Model = reader.GetString(4),
        Status = SqliteValues.ToEnum<RunStatus>(reader.GetString(5)),
        StartedAt = SqliteValues.ToTime(reader.GetString(6)),
        FinishedAt = SqliteValues.ToTime(reader, 7),
    };

    public static SquadRecord ReadSquad(SqliteDataReader reader) => new()
    {
        MilestoneKey = reader.GetString(0),
        IssueIdentifier = reader.GetString(1),
        RunId = reader.GetString(2),
        IssueTitle = reader.GetString(3),
        Step = SqliteValues.ToEnum<SquadStep>(reader.GetString(4)),
        Outcome = SqliteValues.ToEnum<SquadOutcome>(reader.GetString(5)),
        Reason = SqliteValues.ToNullableString(reader, 6),
        Branch = SqliteValues.ToNullableString(reader, 7),
        PullRequestNumber = SqliteValues.ToNullableInt(reader, 8),
        PullRequestUrl = SqliteValues.ToNullableString(reader, 9),
        ReviewRounds = reader.GetInt32(10),
        MergeCommitSha = SqliteValues.ToNullableString(reader, 11),
        Passes = SqliteValues.ToPasses(reader.GetString(12)),
        Effects = SqliteValues.ToEffects(reader.GetString(13)),
        IntakeHash = SqliteValues.ToNullableString(reader, 14),
        UpdatedAt = SqliteValues.ToTime(reader.GetString(15)),
        Diagnosis = SqliteValues.ToNullableString(reader, 16),
        RegressionCheck = SqliteValues.ToNullableString(reader, 17),
        PendingEffects = SqliteValues.ToEffects(reader.GetString(18)),
        ConflictRounds = reader.GetInt32(19),
        QueuedAt = SqliteValues.ToTime(reader, 20),
        QueueWait = TimeSpan.FromMilliseconds(reader.GetInt64(21)),
        IssueUrl = SqliteValues.ToNullableString(reader, 22),
        PostMerge = SqliteValues.ToPostMerge(SqliteValues.ToNullableString(reader, 23)),
    };

    public static SquadEvent ReadEvent(SqliteDataReader reader) => new()
    {
        RunId = reader.GetString(0),
        IssueIdentifier = reader.GetString(1),
        Step = SqliteValues.ToEnum<SquadStep>(reader.GetString(2)),
        Message = reader.GetString(3),
        At = SqliteValues.ToTime(reader.GetString(4)),
    };

    /// <summary>Binds every field of <paramref name="squad"/> as the parameter named after its column.</summary>
    public static void BindSquad(SqliteCommand command, SquadRecord squad)
    {
        command.Bind("$milestone_key", squad.MilestoneKey);
        command.Bind("$issue_identifier", squad.IssueIdentifier);
        command.Bind("$run_id", squad.RunId);
        command.Bind("$issue_title", squad.IssueTitle);
        command.Bind("$step", squad.Step.ToString());
        command.Bind("$outcome", squad.Outcome.ToString());
        command.Bind("$reason", squad.Reason);
        command.Bind("$branch", squad.Branch);
        command.Bind("$pull_request_number", squad.PullRequestNumber);
        command.Bind("$pull_request_url", squad.PullRequestUrl);
        command.Bind("$review_rounds", squad.ReviewRounds);
        command.Bind("$merge_commit_sha", squad.MergeCommitSha);
        command.Bind("$passes", SqliteValues.FromPasses(squad.Passes));
        command.Bind("$effects", SqliteValues.FromEffects(squad.Effects));
        command.Bind("$intake_hash", squad.IntakeHash);
        command.Bind("$updated_at", SqliteValues.FromTime(squad.UpdatedAt));
        command.Bind("$diagnosis", squad.Diagnosis);
        command.Bind("$regression_check", squad.RegressionCheck);
        command.Bind("$pending_effects", SqliteValues.FromEffects(squad.PendingEffects));
        command.Bind("$conflict_rounds", squad.ConflictRounds);
        command.Bind("$queued_at", squad.QueuedAt is { } queued ? SqliteValues.FromTime(queued) : null);
        command.Bind("$queue_wait_ms", (long)squad.QueueWait.TotalMilliseconds);
        command.Bind("$issue_url", squad.IssueUrl);
        command.Bind("$post_merge", SqliteValues.FromPostMerge(squad.PostMerge));
    }
}
