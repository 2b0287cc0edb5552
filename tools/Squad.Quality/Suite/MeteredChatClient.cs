using Microsoft.Extensions.AI;
using Squad.Core.Agents;

namespace Squad.Quality.Suite;

/// <summary>Records the usage of every response of one pass.</summary>
internal sealed class MeteredChatClient(IChatClient inner, AgentInvocation invocation, UsageLedger ledger) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetResponseAsync(messages, options, cancellationToken);
        ledger.Record(invocation.IssueIdentifier, invocation.Role, invocation.Model, response.Usage?.InputTokenCount ?? 0, response.Usage?.OutputTokenCount ?? 0);
        return response;
    }
}
