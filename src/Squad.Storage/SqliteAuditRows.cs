using Microsoft.Data.Sqlite;
using Squad.Core.Audit;
using Squad.Core.Tools;

namespace Squad.Storage;

/// <summary>The audit tables' column lists, and the records built from them and bound to them, in the same order.</summary>
internal static class SqliteAuditRows
{
    public const string ModelCallColumns =
        "run_id, issue_identifier, role, pass, provider, model_id, request_sha256, response_sha256, " +
        "input_tokens, output_tokens, cost_nano_usd, latency_ms, at";

    public const string ToolCallColumns =
        "run_id, issue_identifier, role, pass, tool, arguments, status, exit_code, duration_ms, at";

    /// <summary>The sums a usage row selects after its key columns: calls, tokens in, tokens out, cost.</summary>
    public const string UsageSums =
        "COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(cost_nano_usd)";

    private const decimal NanoPerDollar = 1_000_000_000m;

    public static ModelCallRecord ReadModelCall(SqliteDataReader reader) => new()
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

    public static ToolCallRecord ReadToolCall(SqliteDataReader reader) => new()
    {
        RunId = reader.GetString(0),
        IssueIdentifier = reader.GetString(1),
        Role = reader.GetString(2),
        Pass = reader.GetInt32(3),
        Tool = reader.GetString(4),
        Arguments = reader.GetString(5),
        Status = SqliteValues.ToEnum<ToolCallStatus>(reader.GetString(6)),
        ExitCode = SqliteValues.ToNullableInt(reader, 7),
        Duration = TimeSpan.FromMilliseconds(reader.GetDouble(8)),
        At = SqliteValues.ToTime(reader.GetString(9)),
    };

    /// <summary>Reads <see cref="UsageSums"/> starting at column <paramref name="first"/>.</summary>
    public static Usage ReadUsage(SqliteDataReader reader, int first) => new()
    {
        Calls = reader.GetInt64(first),
        InputTokens = reader.GetInt64(first + 1),
        OutputTokens = reader.GetInt64(first + 2),
        CostUsd = reader.GetInt64(first + 3) / NanoPerDollar,
    };

    public static void BindModelCall(SqliteCommand command, ModelCallRecord call)
    {
        command.Bind("$run_id", call.RunId);
        command.Bind("$issue_identifier", call.IssueIdentifier);
        command.Bind("$role", call.Role);
        command.Bind("$pass", call.Pass);
        command.Bind("$provider", call.Provider);
        command.Bind("$model_id", call.ModelId);
        command.Bind("$request_sha256", call.RequestSha256);
        command.Bind("$response_sha256", call.ResponseSha256);
        command.Bind("$input_tokens", call.InputTokens);
        command.Bind("$output_tokens", call.OutputTokens);
        command.Bind("$cost_nano_usd", decimal.ToInt64(decimal.Round(call.CostUsd * NanoPerDollar)));
        command.Bind("$latency_ms", call.Latency.TotalMilliseconds);
        command.Bind("$at", SqliteValues.FromTime(call.At));
    }

    public static void BindToolCall(SqliteCommand command, ToolCallRecord call)
    {
        command.Bind("$run_id", call.RunId);
        command.Bind("$issue_identifier", call.IssueIdentifier);
        command.Bind("$role", call.Role);
        command.Bind("$pass", call.Pass);
        command.Bind("$tool", call.Tool);
        command.Bind("$arguments", call.Arguments);
        command.Bind("$status", call.Status.ToString());
        command.Bind("$exit_code", call.ExitCode);
        command.Bind("$duration_ms", call.Duration.TotalMilliseconds);
        command.Bind("$at", SqliteValues.FromTime(call.At));
    }

    /// <summary>The <c>VALUES</c> list of an insert into <paramref name="columns"/>: each column as its parameter.</summary>
    public static string Parameters(string columns)
        => string.Join(", ", columns.Split(',').Select(c => "$" + c.Trim()));
}
