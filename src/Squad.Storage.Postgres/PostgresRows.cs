using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Squad.Core.Audit;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Core.Tools;

namespace Squad.Storage.Postgres;

/// <summary>The column lists the PostgreSQL stores select, and the records built from and bound to them, in the same order.</summary>
internal static class PostgresRows
{
    public const string RunColumns = SqliteRows.RunColumns;

    public const string SquadColumns =
        "s.milestone_key, s.issue_identifier, s.run_id, s.issue_title, s.step, s.outcome, s.reason, s.branch, " +
        "s.pull_request_number, s.pull_request_url, s.review_rounds, s.merge_commit_sha, s.passes::text, s.effects::text, " +
        "s.intake_hash, s.updated_at, s.diagnosis, s.regression_check, s.pending_effects::text, " +
        "s.conflict_rounds, s.queued_at, s.queue_wait_ms, s.issue_url, s.post_merge";

    public const string EventColumns = SqliteRows.EventColumns;

    public const string ModelCallColumns = SqliteAuditRows.ModelCallColumns;

    public const string ToolCallColumns = SqliteAuditRows.ToolCallColumns;

    public const string UsageSums = SqliteAuditRows.UsageSums;

    private const decimal NanoPerDollar = 1_000_000_000m;

    /// <summary>The <c>VALUES</c> list of an insert into <paramref name="columns"/>: each column as its parameter.</summary>
    public static string Parameters(string columns)
        => string.Join(", ", columns.Split(',').Select(c => "@" + c.Trim()));

    public static RunRecord ReadRun(DbDataReader reader) => new()
    {
        Id = reader.GetString(0),
        MilestoneKey = reader.GetString(1),
        MilestoneName = reader.GetString(2),
        Repository = reader.GetString(3),
        Model = reader.GetString(4),
        Status = SqliteValues.ToEnum<RunStatus>(reader.GetString(5)),
        StartedAt = SqliteValues.ToTime(reader.GetString(6)),
        FinishedAt = reader.IsDBNull(7) ? null : SqliteValues.ToTime(reader.GetString(7)),
    };

    public static SquadRecord ReadSquad(DbDataReader reader) => new()
    {
        MilestoneKey = reader.GetString(0),
        IssueIdentifier = reader.GetString(1),
        RunId = reader.GetString(2),
        IssueTitle = reader.GetString(3),
        Step = SqliteValues.ToEnum<SquadStep>(reader.GetString(4)),
        Outcome = SqliteValues.ToEnum<SquadOutcome>(reader.GetString(5)),
        Reason = Text(reader, 6),
        Branch = Text(reader, 7),
        PullRequestNumber = reader.IsDBNull(8) ? null : reader.GetInt32(8),
        PullRequestUrl = Text(reader, 9),
        ReviewRounds = reader.GetInt32(10),
        MergeCommitSha = Text(reader, 11),
        Passes = SqliteValues.ToPasses(reader.GetString(12)),
        Effects = SqliteValues.ToEffects(reader.GetString(13)),
        IntakeHash = Text(reader, 14),
        UpdatedAt = SqliteValues.ToTime(reader.GetString(15)),
        Diagnosis = Text(reader, 16),
        RegressionCheck = Text(reader, 17),
        PendingEffects = SqliteValues.ToEffects(reader.GetString(18)),
        ConflictRounds = reader.GetInt32(19),
        QueuedAt = reader.IsDBNull(20) ? null : SqliteValues.ToTime(reader.GetString(20)),
        QueueWait = TimeSpan.FromMilliseconds(reader.GetInt64(21)),
        IssueUrl = Text(reader, 22),
        PostMerge = SqliteValues.ToPostMerge(Text(reader, 23)),
    };

    public static SquadEvent ReadEvent(DbDataReader reader) => new()
    {
        RunId = reader.GetString(0),
        IssueIdentifier = reader.GetString(1),
        Step = SqliteValues.ToEnum<SquadStep>(reader.GetString(2)),
        Message = reader.GetString(3),
        At = SqliteValues.ToTime(reader.GetString(4)),
    };

    public static ModelCallRecord ReadModelCall(DbDataReader reader) => new()
    {
        RunId = reader.GetString(0),
        IssueIdentifier = reader.GetString(1),
        Role = reader.GetString(2),
        Pass = reader.GetInt32(3),
        Provider = reader.GetString(4),
        ModelId = reader.GetString(5),
        RequestSha256 = reader.GetString(6),
        ResponseSha256 = reader.GetString(7),
        InputTokens = reader.GetInt64(8),
        OutputTokens = reader.GetInt64(9),
        CostUsd = reader.GetInt64(10) / NanoPerDollar,
        Latency = TimeSpan.FromMilliseconds(reader.GetDouble(11)),
        At = SqliteValues.ToTime(reader.GetString(12)),
    };

    public static ToolCallRecord ReadToolCall(DbDataReader reader) => new()
    {
        RunId = reader.GetString(0),
        IssueIdentifier = reader.GetString(1),
        Role = reader.GetString(2),
        Pass = reader.GetInt32(3),
        Tool = reader.GetString(4),
        Arguments = reader.GetString(5),
        Status = SqliteValues.ToEnum<ToolCallStatus>(reader.GetString(6)),
        ExitCode = reader.IsDBNull(7) ? null : reader.GetInt32(7),
        Duration = TimeSpan.FromMilliseconds(reader.GetDouble(8)),
        At = SqliteValues.ToTime(reader.GetString(9)),
    };

    /// <summary>Reads <see cref="UsageSums"/> starting at column <paramref name="first"/> (PostgreSQL sums bigints as numeric).</summary>
    public static Usage ReadUsage(DbDataReader reader, int first) => new()
    {
        Calls = reader.GetInt64(first),
        InputTokens = (long)reader.GetDecimal(first + 1),
        OutputTokens = (long)reader.GetDecimal(first + 2),
        CostUsd = reader.GetDecimal(first + 3) / NanoPerDollar,
    };

    public static void BindSquad(NpgsqlCommand command, SquadRecord squad)
    {
        Bind(command, "milestone_key", squad.MilestoneKey);
        Bind(command, "issue_identifier", squad.IssueIdentifier);
        Bind(command, "run_id", squad.RunId);
        Bind(command, "issue_title", squad.IssueTitle);
        Bind(command, "step", squad.Step.ToString());
        Bind(command, "outcome", squad.Outcome.ToString());
        Bind(command, "reason", squad.Reason);
        Bind(command, "branch", squad.Branch);
        Bind(command, "pull_request_number", squad.PullRequestNumber);
        Bind(command, "pull_request_url", squad.PullRequestUrl);
        Bind(command, "review_rounds", squad.ReviewRounds);
        Bind(command, "merge_commit_sha", squad.MergeCommitSha);
        BindJson(command, "passes", SqliteValues.FromPasses(squad.Passes));
        BindJson(command, "effects", SqliteValues.FromEffects(squad.Effects));
        Bind(command, "intake_hash", squad.IntakeHash);
        Bind(command, "updated_at", SqliteValues.FromTime(squad.UpdatedAt));
        Bind(command, "diagnosis", squad.Diagnosis);
        Bind(command, "regression_check", squad.RegressionCheck);
        BindJson(command, "pending_effects", SqliteValues.FromEffects(squad.PendingEffects));
        Bind(command, "conflict_rounds", squad.ConflictRounds);
        Bind(command, "queued_at", squad.QueuedAt is { } queued ? SqliteValues.FromTime(queued) : null);
        Bind(command, "queue_wait_ms", (long)squad.QueueWait.TotalMilliseconds);
        Bind(command, "issue_url", squad.IssueUrl);
        Bind(command, "post_merge", SqliteValues.FromPostMerge(squad.PostMerge));
    }

    public static void BindModelCall(NpgsqlCommand command, ModelCallRecord call)
    {
        Bind(command, "run_id", call.RunId);
        Bind(command, "issue_identifier", call.IssueIdentifier);
        Bind(command, "role", call.Role);
        Bind(command, "pass", call.Pass);
        Bind(command, "provider", call.Provider);
        Bind(command, "model_id", call.ModelId);
        Bind(command, "request_sha256", call.RequestSha256);
        Bind(command, "response_sha256", call.ResponseSha256);
        Bind(command, "input_tokens", call.InputTokens);
        Bind(command, "output_tokens", call.OutputTokens);
        Bind(command, "cost_nano_usd", decimal.ToInt64(decimal.Round(call.CostUsd * NanoPerDollar)));
        Bind(command, "latency_ms", call.Latency.TotalMilliseconds);
        Bind(command, "at", SqliteValues.FromTime(call.At));
    }

    public static void BindToolCall(NpgsqlCommand command, ToolCallRecord call)
    {
        Bind(command, "run_id", call.RunId);
        Bind(command, "issue_identifier", call.IssueIdentifier);
        Bind(command, "role", call.Role);
        Bind(command, "pass", call.Pass);
        Bind(command, "tool", call.Tool);
        Bind(command, "arguments", call.Arguments);
        Bind(command, "status", call.Status.ToString());
        Bind(command, "exit_code", call.ExitCode);
        Bind(command, "duration_ms", call.Duration.TotalMilliseconds);
        Bind(command, "at", SqliteValues.FromTime(call.At));
    }

    /// <summary>Binds a parameter, writing <see langword="null"/> as SQL NULL.</summary>
    public static void Bind(NpgsqlCommand command, string name, object? value)
        => command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    private static void BindJson(NpgsqlCommand command, string name, string json)
        => command.Parameters.AddWithValue(name, NpgsqlDbType.Jsonb, json);

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
