namespace Squad.Core.Orchestration.Queue;

/// <summary>
/// The merge queue of one run, shared by all its squads: per repository, one candidate at a time builds its merge
/// result on the current base, tests it and lands it (serial: no batching; candidates waiting behind it test ahead, see
/// <see cref="Ahead"/>). The next turn goes to the oldest candidate,
/// unless foresight says an overlapping squad with a smaller change should land first: a candidate whose pushed diff
/// shares files with a smaller one's (fewer lines; the identifier breaks ties) waits while that squad still works or
/// waits here, so the smaller change lands first and the larger one is the one brought up to date.
/// </summary>
/// <remarks>
/// Nothing here needs to survive a kill: an entry is an approved pull request, which a rerun finds approved again and
/// queues again; what landed is found at the code host (the pull request's state, the squash commit's trailer).
/// </remarks>
internal sealed class MergeQueue(Foresight foresight, ISquadProgress? progress)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, bool> busy = new(StringComparer.Ordinal);
    private readonly Dictionary<string, MergeCandidate> holders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Landing>> landed = new(StringComparer.Ordinal);

    /// <summary>The landings kept per repository: more than a test ahead looks past (the lookahead is a few candidates).</summary>
    private const int LandingsKept = 64;
    private readonly List<Waiter> waiting = [];
    private TaskCompletionSource changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long arrivals;

    public Foresight Foresight => foresight;

    /// <summary>Completes at the queue's next change: a candidate arrived or left, a turn was given or released, a squad pushed or settled.</summary>
    public Task Changed
    {
        get
        {
            lock (gate)
            {
                return changed.Task;
            }
        }
    }

    /// <summary>
    /// The candidates that land before the waiting <paramref name="candidate"/> if each lands in turn: the one holding its
    /// repository's turn, then those waiting before it that no working squad holds back. Null when that cannot be
    /// predicted (it is not waiting, or a working squad is to land before it), when nothing is ahead, or when more than
    /// <paramref name="depth"/> are.
    /// </summary>
    public IReadOnlyList<MergeCandidate>? Ahead(MergeCandidate candidate, int depth)
    {
        lock (gate)
        {
            var mine = waiting.FirstOrDefault(w => ReferenceEquals(w.Candidate, candidate));
            if (mine is null || LandsBefore(mine) is not null)
            {
                return null;
            }

            var ahead = new List<MergeCandidate>();
            if (holders.TryGetValue(candidate.Repository, out var holder))
            {
                ahead.Add(holder);
            }

            ahead.AddRange(waiting
                .Where(w => w.Candidate.Repository == candidate.Repository && w.Arrival < mine.Arrival && LandsBefore(w) is null)
                .OrderBy(w => w.Arrival)
                .Select(w => w.Candidate));
            return ahead.Count == 0 || ahead.Count > depth ? null : ahead;
        }
    }

    /// <summary>Notes what a turn of <paramref name="repository"/> just landed, before the turn is released.</summary>
    public void Landed(string repository, Landing landing)
    {
        lock (gate)
        {
            var list = landed.TryGetValue(repository, out var kept) ? kept : landed[repository] = [];
            if (list.Count == LandingsKept)
            {
                list.RemoveAt(0);
            }

            list.Add(landing);
        }
    }

    /// <summary>
    /// The merge commit of <paramref name="repository"/>'s last landing in this run; a prediction builds on a main that holds
    /// it (a clone not fetched since would leave out what just landed, and every test ahead would be of the wrong tree).
    /// </summary>
    public string? LastLanded(string repository) => LastLanding(repository)?.Commit;

    /// <summary>The last landing of <paramref name="repository"/> in this run, if any.</summary>
    public Landing? LastLanding(string repository)
    {
        lock (gate)
        {
            return landed.TryGetValue(repository, out var list) && list.Count > 0 ? list[^1] : null;
        }
    }

    /// <summary>The last landings of <paramref name="repository"/> in this run, oldest first (at most 64).</summary>
    public IReadOnlyList<Landing> Landings(string repository)
    {
        lock (gate)
        {
            return landed.TryGetValue(repository, out var list) ? [.. list] : [];
        }
    }

    /// <summary>
    /// A landing: the merge commit, the approved head it merged, the main it was tested on and the tree that landed when
    /// the code host merged exactly the tested tree (null when it did not say so: its own merge queue, or a warning).
    /// </summary>
    public sealed record Landing(string Commit, string Head, string Base, string? Tree);

    /// <summary>Waits for <paramref name="candidate"/>'s turn; disposing the turn lets the next candidate of its repository go.</summary>
    public async Task<IAsyncDisposable> EnterAsync(MergeCandidate candidate, CancellationToken cancellationToken)
    {
        var waiter = new Waiter(candidate, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), Interlocked.Increment(ref arrivals));
        lock (gate)
        {
            waiting.Add(waiter);
        }

        Pump();
        try
        {
            await waiter.Turn.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lock (gate)
            {
                if (!waiting.Remove(waiter))
                {
                    busy[candidate.Repository] = false;
                    holders.Remove(candidate.Repository);
                }
            }

            Pump();
            throw;
        }

        return new Turn(this, candidate.Repository);
    }

    /// <summary>A squad settled or pushed: a candidate that waited for it may go now.</summary>
    public void Forget(string squadId)
    {
        foresight.Forget(squadId);
        Pump();
    }

    /// <summary>Records a squad's pushed diff (foresight) and lets the queue reconsider its order.</summary>
    public void RecordPush(string squadId, PushedDiff diff)
    {
        foresight.Record(squadId, diff);
        Pump();
    }

    private void Release(string repository)
    {
        lock (gate)
        {
            busy[repository] = false;
            holders.Remove(repository);
        }

        Pump();
    }

    /// <summary>Gives each idle repository's turn to the first candidate no smaller overlapping squad goes before.</summary>
    private void Pump()
    {
        var started = new List<Waiter>();
        var notes = new List<(string Squad, string Note)>();
        TaskCompletionSource signal;
        lock (gate)
        {
            signal = changed;
            changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            foreach (var repository in waiting.Select(w => w.Candidate.Repository).Distinct(StringComparer.Ordinal).ToList())
            {
                var line = waiting.Where(w => w.Candidate.Repository == repository).OrderBy(w => w.Arrival).ToList();
                if (busy.GetValueOrDefault(repository))
                {
                    notes.AddRange(line.Select((w, i) => (w.Candidate.SquadId, $"queued: {i + 1} ahead")));
                    continue;
                }

                var next = line.FirstOrDefault(w => LandsBefore(w) is null);
                foreach (var w in line.Where(w => w != next))
                {
                    notes.Add((w.Candidate.SquadId, LandsBefore(w) is { } first ? $"queued: lets {first} land first (smaller, overlapping)" : "queued"));
                }

                if (next is not null)
                {
                    busy[repository] = true;
                    holders[repository] = next.Candidate;
                    waiting.Remove(next);
                    started.Add(next);
                    notes.Add((next.Candidate.SquadId, "merging: testing the merge result on main"));
                }
            }
        }

        foreach (var (squad, note) in notes)
        {
            progress?.ReportQueue(squad, note);
        }

        foreach (var waiter in started)
        {
            waiter.Turn.TrySetResult();
        }

        signal.TrySetResult();
    }

    /// <summary>The working squad that should land before <paramref name="waiter"/>: overlapping and smaller, if any.</summary>
    private string? LandsBefore(Waiter waiter)
    {
        var mine = waiter.Candidate;
        var myLines = foresight.Find(mine.SquadId)?.Lines ?? mine.Lines;
        return foresight.Peers(mine.SquadId)
            .Where(peer => foresight.Find(peer) is { } theirs && (theirs.Lines < myLines || (theirs.Lines == myLines && string.CompareOrdinal(peer, mine.SquadId) < 0)))
            .FirstOrDefault();
    }

    private sealed record Waiter(MergeCandidate Candidate, TaskCompletionSource Turn, long Arrival);

    private sealed class Turn(MergeQueue queue, string repository) : IAsyncDisposable
    {
        private int released;

        public ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                queue.Release(repository);
            }

            return ValueTask.CompletedTask;
        }
    }
}
