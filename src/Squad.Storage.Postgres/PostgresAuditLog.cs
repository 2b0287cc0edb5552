using Squad.Core.Audit;

namespace Squad.Storage.Postgres;

/// <summary>
/// The audit trail in PostgreSQL (the same database as <see cref="PostgresRunStore"/>): one row per model call and per
/// tool call, and the sums the run summary and the budgets need, for every node of a cluster.
/// </summary>
public sealed class PostgresAuditLog : IAuditLog, IDisposable
{
    private static readonly string InsertModelCall =
        $"INSERT INTO model_calls ({PostgresRows.ModelCallColumns}) VALUES ({PostgresRows.Parameters(PostgresRows.ModelCallColumns)});";

    private static readonly string InsertToolCall =
        $"INSERT INTO tool_calls ({PostgresRows.ToolCallColumns}) VALUES ({PostgresRows.Parameters(PostgresRows.ToolCallColumns)});";

    private readonly PostgresDatabase database;

    /// <param name="connectionString">An Npgsql connection string; Squad's tables go in the schema <c>squad</c>.</param>
    /// <param name="timeProvider">The clock that stamps schema migrations.</param>
    public PostgresAuditLog(string connectionString, TimeProvider timeProvider)
        => database = new PostgresDatabase(connectionString, timeProvider);

    public Task RecordModelCallAsync(ModelCallRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.ExecuteNonQueryAsync(InsertModelCall, command => PostgresRows.BindModelCall(command, record), cancellationToken);
    }

    public Task RecordToolCallAsync(ToolCallRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.ExecuteNonQueryAsync(InsertToolCall, command => PostgresRows.BindToolCall(command, record), cancellationToken);
    }

    public Task<IReadOnlyList<ModelCallRecord>> ListModelCallsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return database.QueryAsync(
            $"SELECT {PostgresRows.ModelCallColumns} FROM model_calls WHERE run_id = @run_id ORDER BY id;",
            command => PostgresRows.Bind(command, "run_id", runId),
            PostgresRows.ReadModelCall,
            cancellationToken);
    }

    public Task<IReadOnlyList<ToolCallRecord>> ListToolCallsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return database.QueryAsync(
            $"SELECT {PostgresRows.ToolCallColumns} FROM tool_calls WHERE run_id = @run_id ORDER BY id;",
            command => PostgresRows.Bind(command, "run_id", runId),
            PostgresRows.ReadToolCall,
            cancellationToken);
    }

    public async Task<UsageSummary> SummarizeRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var rows = await database.QueryAsync(
            $"SELECT issue_identifier, role, {PostgresRows.UsageSums} FROM model_calls WHERE run_id = @run_id GROUP BY issue_identifier, role;",
            command => PostgresRows.Bind(command, "run_id", runId),
            reader => (Issue: reader.GetString(0), Role: reader.GetString(1), Usage: PostgresRows.ReadUsage(reader, 2)),
            cancellationToken);
        return new UsageSummary
        {
            ByIssue = Sum(rows.Select(r => (r.Issue, r.Usage))),
            ByRole = Sum(rows.Select(r => (r.Role, r.Usage))),
            Total = rows.Aggregate(Usage.Zero, (total, row) => total.Add(row.Usage)),
        };
    }

    public async Task<IReadOnlyDictionary<string, Usage>> SpendByIssueAsync(string milestoneKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(milestoneKey);
        var rows = await database.QueryAsync(
            $"""
            SELECT m.issue_identifier, {PostgresRows.UsageSums} FROM model_calls m
            JOIN runs r ON r.id = m.run_id
            WHERE r.milestone_key = @milestone_key
            GROUP BY m.issue_identifier;
            """,
            command => PostgresRows.Bind(command, "milestone_key", milestoneKey),
            reader => (Issue: reader.GetString(0), Usage: PostgresRows.ReadUsage(reader, 1)),
            cancellationToken);
        return rows.ToDictionary(r => r.Issue, r => r.Usage, StringComparer.Ordinal);
    }

    /// <summary>Closes the pooled connections.</summary>
    public void Dispose() => database.Dispose();

    private static Dictionary<string, Usage> Sum(IEnumerable<(string Key, Usage Usage)> rows)
    {
        var sums = new Dictionary<string, Usage>(StringComparer.Ordinal);
        foreach (var (key, usage) in rows)
        {
            sums[key] = (sums.GetValueOrDefault(key) ?? Usage.Zero).Add(usage);
        }

        return sums;
    }
}
