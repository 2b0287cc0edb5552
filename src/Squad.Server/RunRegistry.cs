using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Squad.Server;

/// <summary>The runs started from Slack, by id, and the queue the background worker takes them from.</summary>
internal sealed class RunRegistry(Func<string> newId) : IDisposable
{
    private readonly ConcurrentDictionary<string, TrackedRun> runs = new(StringComparer.Ordinal);
    private readonly Channel<TrackedRun> queue = Channel.CreateUnbounded<TrackedRun>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<TrackedRun> Queue => queue.Reader;

    /// <summary>A milestone run a slash command asked for.</summary>
    public TrackedRun Enqueue(string reference, SlackRequest request, DateTimeOffset now)
        => Enqueue(id => new TrackedRun
        {
            Id = id,
            Reference = reference,
            Work = (launcher, progress, cancellationToken) => launcher.RunAsync(reference, progress, cancellationToken),
            Request = request,
            ChannelId = request.ChannelId,
            ResumeHint = $"`/squad run {reference}` again",
            RequestedAt = now,
        });

    /// <summary>Queues the run <paramref name="create"/> makes from a fresh id.</summary>
    public TrackedRun Enqueue(Func<string, TrackedRun> create)
    {
        var run = create(newId());
        runs[run.Id] = run;
        if (!queue.Writer.TryWrite(run))
        {
            throw new InvalidOperationException("the run queue is closed: the server is stopping");
        }

        return run;
    }

    public TrackedRun? Find(string id) => runs.TryGetValue(id, out var run) ? run : null;

    /// <summary>Newest first.</summary>
    public IReadOnlyList<TrackedRun> All => [.. runs.Values.OrderByDescending(r => r.RequestedAt).ThenByDescending(r => r.Id, StringComparer.Ordinal)];

    public void Complete() => queue.Writer.TryComplete();

    /// <summary>At the host's end (the container owns the registry): no request can reach a run any more.</summary>
    public void Dispose()
    {
        Complete();
        foreach (var run in runs.Values)
        {
            run.Dispose();
        }
    }

    /// <summary>A short random id, easy to type after <c>/squad stop</c>.</summary>
    public static string RandomId() => "r" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(3));
}
