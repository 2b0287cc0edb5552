using System.Text;
using Squad.Core.Security;

namespace Squad.Server;

/// <summary>Answers a verified slash command: at once, with an ephemeral reply; runs go to the background queue.</summary>
internal sealed class SlackCommandHandler(SlackServerOptions options, RunRegistry registry, SecretRedactor redactor, TimeProvider time)
{
    public SlackReply Handle(SlackRequest request)
    {
        var command = SlackCommandParser.Parse(request.Text);
        var text = command.Kind switch
        {
            SlackCommandKind.Usage => $"Sorry, I did not understand that ({command.Problem}).\n{SlackCommandParser.Usage}",
            SlackCommandKind.Help => SlackCommandParser.Usage,
            _ when !IsAllowed(request) => Refusal(request),
            SlackCommandKind.Fix => Fix(command.Argument!, request),
            SlackCommandKind.Run => Start(command.Argument!, request),
            SlackCommandKind.Stop => Stop(command.Argument!),
            _ => Status(command.Argument),
        };
        return SlackReply.Private(redactor.Redact(text));
    }

    private bool IsAllowed(SlackRequest request)
        => options.AllowedUsers.Contains(request.UserId)
           && (options.AllowedChannels.Count == 0 || options.AllowedChannels.Contains(request.ChannelId));

    private string Refusal(SlackRequest request)
        => options.AllowedUsers.Contains(request.UserId)
            ? "Sorry, Squad does not take work from this channel. Please ask from one of the channels it was set up for."
            : $"Sorry, you are not on this Squad's allow-list, so I can't start or change work for you. Whoever runs `squad serve` can add your Slack user id ({request.UserId}) with `--allow-users`.";

    private string Start(string reference, SlackRequest request)
    {
        var run = registry.Enqueue(reference, request, time.GetUtcNow());
        return $"Started run {run.Id} for {reference}: progress will follow here. `/squad stop {run.Id}` stops it.";
    }

    private string Fix(string issue, SlackRequest request)
    {
        var run = registry.Enqueue(id => new TrackedRun
        {
            Id = id,
            Reference = $"fix {issue}",
            Work = (launcher, progress, cancellationToken) => launcher.FixAsync(issue, progress, cancellationToken),
            Request = request,
            ChannelId = request.ChannelId,
            ResumeHint = $"`/squad fix {issue}` again",
            RequestedAt = time.GetUtcNow(),
        });
        return $"Started bug fix {run.Id} for {issue}: a diagnosis first, then a regression test, the fix and two reviews. Progress will follow here. `/squad stop {run.Id}` stops it.";
    }

    private string Stop(string id)
    {
        if (registry.Find(id) is not { } run)
        {
            return $"There is no run {id}: `/squad status` lists the runs started here.";
        }

        if (run.State is not (RunState.Queued or RunState.Running))
        {
            return $"Run {id} is already over ({run.Latest}).";
        }

        // Cancelling only signals the worker; the answer must not wait for the run to settle.
        _ = run.StopAsync();
        return $"Stopping run {id}: its squads stop between steps and stay resumable.";
    }

    private string Status(string? id)
    {
        if (id is not null)
        {
            return registry.Find(id) is { } run ? Line(run) : $"There is no run {id}: `/squad status` lists the runs started here.";
        }

        var runs = registry.All;
        if (runs.Count == 0)
        {
            return "No runs started here yet: `/squad run <milestone URL or folder>` starts one.";
        }

        var text = new StringBuilder();
        foreach (var run in runs.Take(10))
        {
            text.AppendLine(Line(run));
        }

        return text.ToString().TrimEnd();
    }

    private static string Line(TrackedRun run)
        => $"{run.Id} {run.State.ToString().ToLowerInvariant()}: {run.Reference}: {run.Latest}";
}
