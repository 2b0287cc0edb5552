namespace Squad.Core.Orchestration.Queue;

/// <summary>
/// The pushed diffs of the squads of one run, by squad: squads whose branches touch the same files are seen while they
/// work, before either reaches the queue. Each new overlap is shown in the live view, on both squads.
/// </summary>
internal sealed class Foresight(ISquadProgress? progress)
{
    private const int MaxFilesNamed = 3;
    private readonly Dictionary<string, PushedDiff> diffs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> shown = new(StringComparer.Ordinal);
    private readonly Lock gate = new();

    /// <summary>Stores <paramref name="squadId"/>'s latest pushed diff and reports every squad whose overlaps changed.</summary>
    public void Record(string squadId, PushedDiff diff)
    {
        List<(string Squad, string Note)> changed;
        lock (gate)
        {
            diffs[squadId] = diff;
            changed = NotesChanged();
        }

        Report(changed);
    }

    /// <summary>The squad settled (merged or stopped): it overlaps nobody any more.</summary>
    public void Forget(string squadId)
    {
        List<(string Squad, string Note)> changed;
        lock (gate)
        {
            if (!diffs.Remove(squadId))
            {
                return;
            }

            changed = NotesChanged();
            shown.Remove(squadId);
        }

        Report(changed);
    }

    public PushedDiff? Find(string squadId)
    {
        lock (gate)
        {
            return diffs.GetValueOrDefault(squadId);
        }
    }

    /// <summary>The files both squads' pushed diffs touch (empty when either has pushed nothing).</summary>
    public IReadOnlyList<string> Shared(string squadId, string otherId)
    {
        lock (gate)
        {
            return diffs.TryGetValue(squadId, out var mine) && diffs.TryGetValue(otherId, out var theirs)
                ? [.. mine.Files.Intersect(theirs.Files, StringComparer.Ordinal).Order(StringComparer.Ordinal)]
                : [];
        }
    }

    /// <summary>The squads that still work and whose pushed diffs share a file with <paramref name="squadId"/>'s.</summary>
    public IReadOnlyList<string> Peers(string squadId)
    {
        lock (gate)
        {
            return [.. diffs.Keys.Where(other => other != squadId && Shared(squadId, other).Count > 0).Order(StringComparer.Ordinal)];
        }
    }

    /// <summary>A note per squad ("overlaps CHK-5 on src/Checkout/Cart.cs"), for those whose note differs from the last shown.</summary>
    private List<(string Squad, string Note)> NotesChanged()
    {
        var changed = new List<(string, string)>();
        foreach (var squad in diffs.Keys.Order(StringComparer.Ordinal))
        {
            var parts = diffs.Keys.Where(other => other != squad).Order(StringComparer.Ordinal)
                .Select(other => (other, Files: Shared(squad, other)))
                .Where(p => p.Files.Count > 0)
                .Select(p => $"{p.other} on {string.Join(", ", p.Files.Take(MaxFilesNamed))}{(p.Files.Count > MaxFilesNamed ? ", …" : "")}")
                .ToList();
            var note = parts.Count == 0 ? "" : "overlaps " + string.Join("; ", parts);
            if (shown.GetValueOrDefault(squad, "") != note)
            {
                shown[squad] = note;
                changed.Add((squad, note));
            }
        }

        return changed;
    }

    private void Report(List<(string Squad, string Note)> changed)
    {
        foreach (var (squad, note) in changed)
        {
            progress?.ReportQueue(squad, note);
        }
    }
}
