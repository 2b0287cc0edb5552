namespace Squad.Core.Orchestration;

/// <summary>
/// The fetches of one clone, shared by its callers (always under the clone's lock but for <see cref="Ask"/>): a caller takes
/// a ticket before it waits for the lock, and a fetch covers every ticket taken before it started. And the clone's config
/// as Squad last set it, so it is scrubbed again only when something else changed it.
/// </summary>
internal sealed class CloneFetches
{
    private long asked;
    private long fetched;
    private readonly Git.MaintenanceTurns maintenance = new();
    private (DateTime Written, long Length, string Url)? config;

    /// <summary>Object ids git found in the clone, and when: the ids a squad's copies and keys ask for again and again.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> held = new(StringComparer.Ordinal);

    /// <summary>
    /// How long an object found is taken as still there. Git removes none a ref reaches, and an unreachable one only once
    /// it is two weeks old (<c>gc.pruneExpire</c>); an hour keeps far from that for a long-lived server's predicted commits.
    /// </summary>
    private static readonly long HeldFor = TimeSpan.FromHours(1).Ticks;

    /// <summary>A caller's ticket: the fetch it needs starts after this.</summary>
    public long Ask() => Interlocked.Increment(ref asked);

    /// <summary>Whether a fetch that started after <paramref name="ticket"/> was taken has finished.</summary>
    public bool Covered(long ticket) => Interlocked.Read(ref fetched) >= ticket;

    /// <summary>A fetch starts now: it covers every ticket taken so far.</summary>
    public long Start() => Interlocked.Read(ref asked);

    /// <summary>
    /// Whether the fetch starting now may run git's automatic maintenance (packing loose objects when there are many): the
    /// first of a process's and every 64th after (<see cref="Git.MaintenanceTurns"/>); a squad fetches several times a run.
    /// </summary>
    public bool Maintains() => maintenance.Next();

    /// <summary>The fetch that covers tickets up to <paramref name="upTo"/> finished.</summary>
    public void Done(long upTo) => Interlocked.Exchange(ref fetched, upTo);

    /// <summary>Whether git found <paramref name="objectId"/> in the clone within the last hour.</summary>
    public bool KnownHeld(string objectId)
        => held.TryGetValue(objectId, out var at) && DateTime.UtcNow.Ticks - at < HeldFor;

    /// <summary>Git has just found <paramref name="objectId"/> in the clone.</summary>
    public void Held(string objectId)
    {
        if (held.Count >= 100_000)
        {
            held.Clear();
        }

        held[objectId] = DateTime.UtcNow.Ticks;
    }

    /// <summary>Whether the clone's config file is not as Squad last left it (or Squad has not set it yet in this process).</summary>
    public bool ConfigChanged(string clone, string url)
    {
        var file = new FileInfo(Path.Combine(clone, "config"));
        return config is not { } known || known.Url != url || !file.Exists || file.LastWriteTimeUtc != known.Written || file.Length != known.Length;
    }

    /// <summary>Squad has just scrubbed the config and set the remote.</summary>
    public void ConfigSet(string clone, string url)
    {
        var file = new FileInfo(Path.Combine(clone, "config"));
        config = (file.LastWriteTimeUtc, file.Length, url);
    }
}
