using Squad.Core.Audit;

namespace Squad.Storage;

/// <summary>
/// The audit trail in the state database (the same file as <see cref="SqliteRunStore"/>): one row per
/// model call and per tool call, and the sums the run summary and the budgets need.
/// </summary>
public sealed class SqliteAuditLog : IAuditLog, IDisposable
{
    private static readonly string InsertModelCall =
        $"INSERT INTO model_calls ({SqliteAuditRows.ModelCallColumns}) VALUES ({SqliteAuditRows.Parameters(SqliteAuditRows.ModelCallColumns)});";

    private static readonly string InsertToolCall =
        $"INSERT INTO tool_calls ({SqliteAuditRows.ToolCallColumns}) VALUES ({SqliteAuditRows.Parameters(SqliteAuditRows.ToolCallColumns)});";

    private readonly SqliteDatabase database;

    /// <param name="databasePath">The state database; it and its directory are created when missing.</param>
    /// <param name="timeProvider">The clock that stamps schema migrations.</param>
    public SqliteAuditLog(string databasePath, TimeProvider timeProvider)
        => database = new SqliteDatabase(databasePath, timeProvider);

    public Task RecordModelCallAsync(ModelCallRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.ExecuteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = InsertModelCall;
                SqliteAuditRows.BindModelCall(command, record);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public Task RecordToolCallAsync(ToolCallRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return database.ExecuteAsync(
            async (connection, token) =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = InsertToolCall;
                SqliteAuditRows.BindToolCall(command, record);
                await command.ExecuteNonQueryAsync(token);
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<ModelCallRecord>> ListModelCallsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return database.QueryAsync(
            $"SELECT {SqliteAuditRows.ModelCallColumns} FROM model_calls WHERE run_id = $run_id ORDER BY id;",
            command => command.Bind("$run_id", runId),
            SqliteAuditRows.ReadModelCall,
            cancellationToken);
    }

    public Task<IReadOnlyList<ToolCallRecord>> ListToolCallsAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        return database.QueryAsync(
            $"SELECT {SqliteAuditRows.ToolCallColumns} FROM tool_calls WHERE run_id = $run_id ORDER BY id;",
            command => command.Bind("$run_id", runId),
            SqliteAuditRows.ReadToolCall,
            cancellationToken);
    }

    public async Task<UsageSummary> SummarizeRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var rows = await database.QueryAsync(
            $"SELECT issue_identifier, role, {SqliteAuditRows.UsageSums} FROM model_calls WHERE run_id = $run_id GROUP BY issue_identifier, role;",
            command => command.Bind("$run_id", runId),
            reader => (Issue: reader.GetString(0), Role: reader.GetString(1), Usage: SqliteAuditRows.ReadUsage(reader, 2)),
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
            SELECT m.issue_identifier, {SqliteAuditRows.UsageSums} FROM model_calls m
            JOIN runs r ON r.id = m.run_id
            WHERE r.milestone_key = $milestone_key
            GROUP BY m.issue_identifier;
            """,
            command => command.Bind("$milestone_key", milestoneKey),
            reader => (Issue: reader.GetString(0), Usage: SqliteAuditRows.ReadUsage(reader, 1)),
            cancellationToken);
        return rows.ToDictionary(r => r.Issue, r => r.Usage, StringComparer.Ordinal);
    }

    /// <summary>Releases the pooled connections to the file.</summary>
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
