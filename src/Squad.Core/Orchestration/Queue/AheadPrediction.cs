namespace Squad.Core.Orchestration.Queue;

/// <summary>
/// What a test ahead was built on: the fetched main, the heads ahead in landing order, and the tree of main predicted
/// after each of them lands (null for one that conflicted and was left out).
/// </summary>
internal sealed record AheadPrediction(string Main, IReadOnlyList<string> Heads, IReadOnlyList<string?> Trees)
{
    /// <summary>
    /// The prediction once the first head ahead landed, when it still holds: that head landed on the predicted main with
    /// exactly the predicted tree, and the heads now ahead are the rest, in order. The main that came is then a child of
    /// the predicted one's parent with the predicted tree, as the predicted commit was, so every later merge result and the
    /// candidate's own come out the same trees: the test ahead stands. Null otherwise (then the prediction is made again).
    /// A wrong answer here never lands anything untested: the turn tests whatever tree its real merge result has.
    /// </summary>
    public AheadPrediction? After(MergeQueue.Landing? landed, IReadOnlyList<string> heads)
    {
        if (landed is not { Tree: { } tree } || Heads.Count != heads.Count + 1 || Trees[0] is not { } predicted
            || landed.Head != Heads[0] || landed.Base != Main || tree != predicted || !Heads.Skip(1).SequenceEqual(heads, StringComparer.Ordinal))
        {
            return null;
        }

        return new AheadPrediction(landed.Commit, heads, [.. Trees.Skip(1)]);
    }

    /// <summary>
    /// The prediction after every landing since it was made (<paramref name="landings"/>: the run's last ones, oldest
    /// first), when each came true in turn (<see cref="After"/>) and the heads left ahead are <paramref name="heads"/>. A
    /// waiting candidate busy with its test ahead misses landings; this catches up with all of them at once. With no
    /// landing since, it stands while the heads ahead are still its own.
    /// </summary>
    public AheadPrediction? Through(IReadOnlyList<MergeQueue.Landing> landings, IReadOnlyList<string> heads)
    {
        var first = -1;
        for (var i = landings.Count - 1; i >= 0; i--)
        {
            if (landings[i].Base == Main)
            {
                first = i;
                break;
            }
        }

        if (first < 0)
        {
            return (landings.Count == 0 || landings[^1].Commit == Main) && Heads.SequenceEqual(heads, StringComparer.Ordinal) ? this : null;
        }

        AheadPrediction? prediction = this;
        for (var i = first; i < landings.Count && prediction is not null; i++)
        {
            prediction = prediction.After(landings[i], i == landings.Count - 1 ? heads : [.. prediction.Heads.Skip(1)]);
        }

        return prediction;
    }
}
