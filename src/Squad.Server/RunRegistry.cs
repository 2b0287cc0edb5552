using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Squad.Server;

/// <summary>The runs started from Slack, by id, and the queue the background worker takes them from.</summary>
internal sealed class RunRegistry(Func<string> newId) : IDisposable
{
    private readonly ConcurrentDictionary<string, TrackedRun> runs = new(StringComparer.Ordinal);
    private readonly Channel<TrackedRun> queue = Channel.CreateUnbounded<TrackedRun>(new UnboundedChannelOptions { SingleReader = true });

    public ChannelReader<TrackedRun> Queue => queue.Reader;

    public TrackedRun Enqueue(string reference, SlackRequest request, DateTimeOffset now)
    {
        var run = new TrackedRun { Id = newId(), Reference = reference, Request = request, RequestedAt = now };
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
