using Squad.Core.Audit;

namespace Squad.Testing;

/// <summary>An audit log in memory, for one milestone: spend by issue counts every model call it holds.</summary>
public sealed class InMemoryAuditLog : IAuditLog
{
    private readonly Lock gate = new();
    private readonly List<ModelCallRecord> modelCalls = [];
    private readonly List<ToolCallRecord> toolCalls = [];

    public IReadOnlyList<ModelCallRecord> ModelCalls
    {
        get
        {
            lock (gate)
            {
                return [.. modelCalls];
            }
        }
    }

    public IReadOnlyList<ToolCallRecord> ToolCalls
    {
        get
        {
            lock (gate)
            {
                return [.. toolCalls];
            }
        }
    }

    public Task RecordModelCallAsync(ModelCallRecord record, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            modelCalls.Add(record);
        }

        return Task.CompletedTask;
    }

    public Task RecordToolCallAsync(ToolCallRecord record, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            toolCalls.Add(record);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ModelCallRecord>> ListModelCallsAsync(string runId, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<ModelCallRecord>>([.. ModelCalls.Where(c => c.RunId == runId)]);

    public Task<IReadOnlyList<ToolCallRecord>> ListToolCallsAsync(string runId, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyList<ToolCallRecord>>([.. ToolCalls.Where(c => c.RunId == runId)]);

    public Task<UsageSummary> SummarizeRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var calls = ModelCalls.Where(c => c.RunId == runId).ToList();
        return Task.FromResult(new UsageSummary
        {
            ByIssue = Sum(calls, c => c.IssueIdentifier),
            ByRole = Sum(calls, c => c.Role),
            Total = calls.Select(UsageOf).Aggregate(Usage.Zero, (total, usage) => total.Add(usage)),
        });
    }

    public Task<IReadOnlyDictionary<string, Usage>> SpendByIssueAsync(string milestoneKey, CancellationToken cancellationToken = default)
        => Task.FromResult<IReadOnlyDictionary<string, Usage>>(Sum(ModelCalls, c => c.IssueIdentifier));

    private static Dictionary<string, Usage> Sum(IEnumerable<ModelCallRecord> calls, Func<ModelCallRecord, string> key)
        => calls.GroupBy(key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(UsageOf).Aggregate(Usage.Zero, (total, usage) => total.Add(usage)), StringComparer.Ordinal);

    private static Usage UsageOf(ModelCallRecord call)
        => new() { Calls = 1, InputTokens = call.InputTokens, OutputTokens = call.OutputTokens, CostUsd = call.CostUsd };
}
