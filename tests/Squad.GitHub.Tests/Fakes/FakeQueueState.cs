namespace Squad.GitHub.Tests.Fakes;

/// <summary>
/// The fake's merge queue: an enqueued pull request stays queued for <see cref="PollsBeforeOutcome"/> state queries, then
/// GitHub's queue merges it (a squash onto the base) or, when <see cref="DequeueReason"/> is set, removes it with that reason.
/// </summary>
public sealed class FakeQueueState
{
    public int PollsBeforeOutcome { get; set; } = 2;

    public string? DequeueReason { get; set; }

    /// <summary>The GraphQL documents received, in order, as sent (query and variables).</summary>
    public List<string> Documents { get; } = [];

    /// <summary>Pull request numbers in the queue, with their remaining polls.</summary>
    public Dictionary<int, int> Entries { get; } = [];

    /// <summary>Why each pull request last left the queue without merging.</summary>
    public Dictionary<int, string> Removed { get; } = [];
}
