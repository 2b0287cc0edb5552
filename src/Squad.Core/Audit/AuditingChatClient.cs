using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Core.Audit;

/// <summary>
/// Audits one agent pass's model calls: before each, stops the squad when its issue or milestone
/// has spent its budget; after each, records who asked, the model, SHA-256 fingerprints of request
/// and response, tokens, cost and latency. Retries live inside it, so one record is one answer.
/// </summary>
internal sealed class AuditingChatClient(IChatClient innerClient, AgentInvocation invocation, AuditTrail trail) : DelegatingChatClient(innerClient)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = messages.ToList();
        EnsureWithinBudget();
        var at = trail.Time.GetUtcNow();
        var started = trail.Time.GetTimestamp();
        var response = await base.GetResponseAsync(request, options, cancellationToken);
        await RecordAsync(request, options, response, at, trail.Time.GetElapsedTime(started));
        return response;
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var request = messages.ToList();
        EnsureWithinBudget();
        var at = trail.Time.GetUtcNow();
        var started = trail.Time.GetTimestamp();
        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in base.GetStreamingResponseAsync(request, options, cancellationToken))
        {
            updates.Add(update);
            yield return update;
        }

        await RecordAsync(request, options, updates.ToChatResponse(), at, trail.Time.GetElapsedTime(started));
    }

    private void EnsureWithinBudget()
    {
        if (trail.BudgetExceeded(invocation.IssueIdentifier) is { } reason)
        {
            throw new SquadException(SquadErrorCode.BudgetExceeded, reason);
        }
    }

    private async Task RecordAsync(List<ChatMessage> request, ChatOptions? options, ChatResponse response, DateTimeOffset at, TimeSpan latency)
    {
        var input = response.Usage?.InputTokenCount ?? 0;
        var output = response.Usage?.OutputTokenCount ?? 0;
        var price = trail.Prices.Find(response.ModelId) ?? trail.Prices.Find(options?.ModelId) ?? trail.Prices.Find(invocation.Model);
        var cached = response.Usage?.CachedInputTokenCount ?? 0;
        var cost = decimal.Round(price?.Cost(input, output, cached) ?? 0m, 9);
        trail.Ledger.Add(invocation.IssueIdentifier, new Usage { Calls = 1, InputTokens = input, OutputTokens = output, CostUsd = cost });

        // The conversation first, then the record that names it: a crash in between leaves pieces no record names, never
        // a record whose conversation is missing. Hashed after redaction, so the record verifies what is kept.
        var (requestHash, responseHash) = trail.Trajectories is { } trajectories
            ? await trajectories.StoreAsync(request, options, response, trail.Pieces, CancellationToken.None)
            : Trajectories.Hash(request, options, response, trail.Pieces);
        Orchestration.CrashPoint.Reach(Orchestration.CrashPoint.TrajectoryStored);

        // The call was made and paid for: it is recorded even when the run is being stopped.
        await trail.Log.RecordModelCallAsync(new ModelCallRecord
        {
            RunId = invocation.RunId,
            IssueIdentifier = invocation.IssueIdentifier,
            Role = invocation.Role,
            Pass = invocation.Pass,
            Provider = this.GetService<ChatClientMetadata>()?.ProviderName ?? ProviderOf(invocation.Model),
            ModelId = response.ModelId ?? options?.ModelId ?? invocation.Model,
            RequestSha256 = requestHash,
            ResponseSha256 = responseHash,
            InputTokens = input,
            OutputTokens = output,
            CostUsd = cost,
            Latency = latency,
            At = at,
        }, CancellationToken.None);
    }

    private static string ProviderOf(string model)
        => model.IndexOf(':', StringComparison.Ordinal) is > 0 and var colon ? model[..colon] : "unknown";
}
