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
}
