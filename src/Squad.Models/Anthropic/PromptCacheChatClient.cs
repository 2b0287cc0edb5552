using Anthropic.Models.Messages;
using Microsoft.Extensions.AI;

namespace Squad.Models.Anthropic;

/// <summary>
/// Marks Anthropic prompt-cache breakpoints on every request of the agent loop: the system prompt and the briefing (the
/// same for every call of a pass, and their start for every squad of a milestone), and the latest block, so each call
/// reads what the previous one wrote. Three of the four breakpoints Anthropic allows. The marks go on copies: the
/// conversation the loop keeps, audits and stores as a trajectory stays as it was.
/// </summary>
internal sealed class PromptCacheChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => base.GetResponseAsync(Mark(messages), options, cancellationToken);

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        => base.GetStreamingResponseAsync(Mark(messages), options, cancellationToken);

    internal static List<ChatMessage> Mark(IEnumerable<ChatMessage> messages)
    {
        var marked = messages.ToList();
        var system = marked.FindIndex(m => m.Role == ChatRole.System);
        var briefing = marked.FindIndex(m => m.Role == ChatRole.User);
        foreach (var index in new[] { system, briefing, marked.Count - 1 }.Where(i => i >= 0).Distinct())
        {
            marked[index] = WithBreakpoint(marked[index]);
        }

        return marked;
    }

    private static ChatMessage WithBreakpoint(ChatMessage message)
    {
        if (message.Contents.Count == 0 || Copy(message.Contents[^1]) is not { } last)
        {
            return message;
        }

        var contents = message.Contents.ToList();
        contents[^1] = last.WithCacheControl(new CacheControlEphemeral());
        return new ChatMessage(message.Role, contents) { AuthorName = message.AuthorName, MessageId = message.MessageId };
    }

    private static AIContent? Copy(AIContent content) => content switch
    {
        TextContent text => new TextContent(text.Text),
        FunctionResultContent result => new FunctionResultContent(result.CallId, result.Result),
        FunctionCallContent call => new FunctionCallContent(call.CallId, call.Name, call.Arguments),
        _ => null,
    };
}
