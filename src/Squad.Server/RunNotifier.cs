using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Core.Security;

namespace Squad.Server;

/// <summary>
/// One run's progress in Slack. Reports arrive from many squads at once; they are queued and posted in order by
/// <see cref="PumpAsync"/>: every notable step into the bot's thread (when a bot token is set), and only the start,
/// opened pull requests and the final summary to <c>response_url</c>, which takes five posts in 30 minutes
/// (the last one is kept for the summary). Every text passes the secret redactor, and Slack's control characters are
/// escaped (<see cref="SlackText"/>).
/// </summary>
internal sealed class RunNotifier(
    TrackedRun run, SlackResponseClient responses, SlackApiClient? api, SecretRedactor redactor, TimeProvider time, ILogger logger) : ISquadProgress
{
    public const int ResponseUrlPosts = 5;

    public static readonly TimeSpan ResponseUrlLifetime = TimeSpan.FromMinutes(30);

    private static readonly string[] EndingPrefixes = ["refused", "failed", "needs a person", "budget exceeded"];

    private readonly Channel<(SlackUpdate Kind, string Text)> pending = Channel.CreateUnbounded<(SlackUpdate, string)>(new UnboundedChannelOptions { SingleReader = true });
    private int responsePosts;
    private string? threadTs;

    public void Report(string issueIdentifier, SquadStep squadStep, string message)
    {
        var line = $"{issueIdentifier}: {message}";
        run.Latest = line;
        if (squadStep == SquadStep.PullRequest)
        {
            Post(SlackUpdate.PullRequestOpened, line);
        }
        else if (squadStep == SquadStep.Diagnosis && message.StartsWith("diagnosis:", StringComparison.Ordinal))
        {
            Post(SlackUpdate.Diagnosis, line);
        }
        else if (squadStep is SquadStep.Diagnosis or SquadStep.RegressionCheck or >= SquadStep.Review || EndsTheSquad(message))
        {
            Post(SlackUpdate.Step, line);
        }
    }

    /// <summary>A squad that stops early says why, at whatever step it was.</summary>
    private static bool EndsTheSquad(string message)
        => EndingPrefixes.Any(prefix => message.StartsWith(prefix, StringComparison.Ordinal));

    public void Post(SlackUpdate kind, string text) => pending.Writer.TryWrite((kind, text));

    /// <summary>No more posts: <see cref="PumpAsync"/> ends once the queue is empty.</summary>
    public void Complete() => pending.Writer.TryComplete();

    /// <summary>Posts the queued messages in order until <see cref="Complete"/>; a failed post is logged, never thrown.</summary>
    public async Task PumpAsync(CancellationToken cancellationToken = default)
    {
        await foreach (var (kind, text) in pending.Reader.ReadAllAsync(cancellationToken))
        {
            var safe = SlackText.Escape(redactor.Redact(text), run.Request is { } request ? SlackText.Mention(request.UserId) : null);
            await PostToThreadAsync(safe, cancellationToken);
            if (TakeResponsePost(kind))
            {
                await SendAsync(() => responses.PostAsync(run.Request!.ResponseUrl!, new SlackReply { ResponseType = SlackReply.InChannel, Text = safe }, cancellationToken));
            }
        }
    }

    private async Task PostToThreadAsync(string text, CancellationToken cancellationToken)
    {
        if (api is null || run.ChannelId is null)
        {
            return;
        }

        await SendAsync(async () =>
        {
            var ts = await api.PostMessageAsync(new ChatMessage { Channel = run.ChannelId, Text = text, ThreadTs = threadTs }, cancellationToken);
            threadTs ??= ts;
        });
    }

    private bool TakeResponsePost(SlackUpdate kind)
    {
        if (kind == SlackUpdate.Step || run.Request?.ResponseUrl is null || time.GetUtcNow() - run.RequestedAt >= ResponseUrlLifetime)
        {
            return false;
        }

        var room = kind == SlackUpdate.Final ? ResponseUrlPosts : ResponseUrlPosts - 1;
        if (responsePosts >= room)
        {
            return false;
        }

        responsePosts++;
        return true;
    }

    private async Task SendAsync(Func<Task> post)
    {
        try
        {
            await post();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            ServerLog.PostFailed(logger, run.Id, ex);
        }
    }
}
