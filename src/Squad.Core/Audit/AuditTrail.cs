using System.Text.Json;
using Squad.Core.Agents;
using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Core.Audit;

/// <summary>
/// The audit trail of one milestone run: every model call (through <see cref="AuditingChatClient"/>,
/// a decorator of each agent's chat client) and every tool call is recorded, priced and counted
/// against the milestone's budgets.
/// </summary>
public sealed class AuditTrail
{
    internal AuditTrail(IAuditLog log, PriceTable prices, BudgetLedger ledger, SecretRedactor redactor, TimeProvider time, ITrajectoryStore? trajectories = null)
    {
        Trajectories = trajectories is null ? null : new Trajectories(trajectories);
        Log = log;
        Prices = prices;
        Ledger = ledger;
        Redactor = redactor;
        Pieces = new MessagePieces(redactor);
        Time = time;
    }

    internal IAuditLog Log { get; }

    internal PriceTable Prices { get; }

    internal BudgetLedger Ledger { get; }

    internal SecretRedactor Redactor { get; }

    /// <summary>Each message of the audited conversations redacted, serialized and hashed once.</summary>
    internal MessagePieces Pieces { get; }

    internal TimeProvider Time { get; }

    /// <summary>Where the conversation of every call is kept, content-addressed by the hashes of its record; null keeps none.</summary>
    internal Trajectories? Trajectories { get; }

    /// <summary>Starts the trail of a run of <paramref name="milestoneKey"/>: budgets count what its earlier runs spent too.</summary>
    public static Task<AuditTrail> StartAsync(
        IAuditLog log, PriceTable prices, Budgets budgets, SecretRedactor redactor, TimeProvider time, string milestoneKey, CancellationToken cancellationToken = default)
        => StartAsync(log, prices, budgets, redactor, time, milestoneKey, null, cancellationToken);

    /// <summary>The same, keeping the conversation of every call in <paramref name="trajectories"/>.</summary>
    public static async Task<AuditTrail> StartAsync(
        IAuditLog log, PriceTable prices, Budgets budgets, SecretRedactor redactor, TimeProvider time, string milestoneKey, ITrajectoryStore? trajectories,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        var spent = await log.SpendByIssueAsync(milestoneKey, cancellationToken);
        return new AuditTrail(log, prices, new BudgetLedger(budgets, spent), redactor, time, trajectories);
    }

    /// <summary>The same models, each client wrapped to be audited and held to the budgets.</summary>
    public IAgentModelProvider Observe(IAgentModelProvider models) => new AuditingModelProvider(models, this);

    /// <summary>Null while <paramref name="issueIdentifier"/> may make another model call; otherwise which budget is spent.</summary>
    public string? BudgetExceeded(string issueIdentifier) => Ledger.Exceeded(issueIdentifier);

    /// <summary>Records one tool call as it ends, its arguments redacted; recorded even when the run is being stopped.</summary>
    public Task RecordToolCallAsync(AgentInvocation invocation, AgentToolCall call)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        ArgumentNullException.ThrowIfNull(call);
        Telemetry.SquadTelemetry.ToolCall(invocation, call);
        return Log.RecordToolCallAsync(new ToolCallRecord
        {
            RunId = invocation.RunId,
            IssueIdentifier = invocation.IssueIdentifier,
            Role = invocation.Role,
            Pass = invocation.Pass,
            Tool = call.Name,
            Arguments = RedactArguments(call.Arguments),
            Status = call.Status,
            ExitCode = call.ExitCode,
            Duration = call.Duration,
            At = Time.GetUtcNow() - call.Duration,
        }, CancellationToken.None);
    }

    // Each value is redacted before it is written as JSON: escaping could otherwise hide a secret from the redactor.
    private string RedactArguments(string json)
    {
        var values = JsonSerializer.Deserialize(json, ToolJsonContext.Default.DictionaryStringString) ?? [];
        var redacted = values.ToDictionary(kv => kv.Key, kv => kv.Value is null ? null : Redactor.Redact(kv.Value), StringComparer.Ordinal);
        return JsonSerializer.Serialize(redacted, ToolJsonContext.Default.DictionaryStringString);
    }
}
