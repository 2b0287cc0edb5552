using Microsoft.Extensions.AI;
using Squad.Core;
using Squad.Core.Tools;

namespace Squad.Models.Scripted;

/// <summary>
/// Plays the prepared turns of one pass of one role on one issue: each request returns the next turn as one
/// assistant message. A pass's last turn that is plain text is its final word: when the role is offered <c>finish</c>,
/// that text comes with a <c>finish</c> call carrying it as the summary; otherwise, asked again (the runtime nudges a
/// reply without a tool call), the model says the same text again. Asking past a last turn that made tool calls stops
/// the run with <see cref="SquadErrorCode.ScriptExhausted"/>.
/// </summary>
public sealed class ScriptedChatClient : WholeResponseChatClient
{
    internal const string ModelId = "scripted";
    internal const string ProviderName = "scripted";

    private readonly ScriptedScript _script;
    private readonly string _issue;
    private readonly string _role;
    private readonly int _pass;
    private readonly IReadOnlyList<ScriptedTurn> _turns;
    private readonly TimeSpan _latency;
    private readonly TimeProvider _timeProvider;
    private readonly ChatClientMetadata _metadata = new(ProviderName, providerUri: null, defaultModelId: ModelId);
    private int _requests;

    internal ScriptedChatClient(ScriptedScript script, string issue, string role, int pass, TimeSpan latency, TimeProvider timeProvider)
    {
        _script = script;
        _issue = issue;
        _role = role;
        _pass = pass;
        _turns = script.FindTurns(issue, role, pass) ?? [];
        _latency = latency;
        _timeProvider = timeProvider;
    }

    protected override ChatClientMetadata Metadata => _metadata;

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (_latency > TimeSpan.Zero)
        {
            await Task.Delay(_latency, _timeProvider, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var index = Interlocked.Increment(ref _requests) - 1;
        var turn = index < _turns.Count ? _turns[index]
            : _turns.Count > 0 && _turns[^1].Calls.Count == 0 ? _turns[^1]
            : throw new SquadException(
                SquadErrorCode.ScriptExhausted,
                $"scripted model ran out of responses for {_issue} {_role} pass {_pass} ({_script.Path})");
        var finishes = index == _turns.Count - 1 && turn.Calls.Count == 0 && Offers(options, ToolNames.Finish);
        var message = CreateMessage(turn, index + 1, finishes);
        var input = TokenEstimate.Of(messages);
        var output = TokenEstimate.Of([message]);
        return new ChatResponse(message)
        {
            ResponseId = $"resp_{_issue}_{_role}_{_pass}_{index + 1}",
            ModelId = ModelId,
            CreatedAt = _timeProvider.GetUtcNow(),
            FinishReason = turn.Calls.Count > 0 || finishes ? ChatFinishReason.ToolCalls : ChatFinishReason.Stop,
            Usage = new UsageDetails { InputTokenCount = input, OutputTokenCount = output, TotalTokenCount = input + output },
        };
    }

    private static bool Offers(ChatOptions? options, string tool)
        => options?.Tools?.Any(t => string.Equals(t.Name, tool, StringComparison.Ordinal)) == true;

    private ChatMessage CreateMessage(ScriptedTurn turn, int turnNumber, bool finishes)
    {
        var contents = new List<AIContent>();
        if (turn.Text is not null)
        {
            contents.Add(new TextContent(turn.Text));
        }

        for (var i = 0; i < turn.Calls.Count; i++)
        {
            var call = turn.Calls[i];
            var arguments = call.Arguments.EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value, StringComparer.Ordinal);
            contents.Add(new FunctionCallContent($"call_{_issue}_{_role}_{_pass}_{turnNumber}_{i + 1}", call.Tool, arguments));
        }

        if (finishes)
        {
            var summary = new Dictionary<string, object?> { ["summary"] = turn.Text ?? "Done." };
            contents.Add(new FunctionCallContent($"call_{_issue}_{_role}_{_pass}_{turnNumber}_finish", ToolNames.Finish, summary));
        }

        return new ChatMessage(ChatRole.Assistant, contents) { MessageId = $"msg_{_issue}_{_role}_{_pass}_{turnNumber}" };
    }
}
