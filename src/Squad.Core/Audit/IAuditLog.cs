namespace Squad.Core.Audit;

/// <summary>Where the audit trail is kept (the state database): every model call and tool call of every run.</summary>
public interface IAuditLog
{
    Task RecordModelCallAsync(ModelCallRecord record, CancellationToken cancellationToken = default);

    Task RecordToolCallAsync(ToolCallRecord record, CancellationToken cancellationToken = default);

    /// <summary>The run's model calls in the order they were recorded.</summary>
    Task<IReadOnlyList<ModelCallRecord>> ListModelCallsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The run's tool calls in the order they were recorded.</summary>
    Task<IReadOnlyList<ToolCallRecord>> ListToolCallsAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>The run's model calls added up per issue, per role and in total.</summary>
    Task<UsageSummary> SummarizeRunAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>What each issue of a milestone has used over all its runs: what budgets count.</summary>
    Task<IReadOnlyDictionary<string, Usage>> SpendByIssueAsync(string milestoneKey, CancellationToken cancellationToken = default);
}
