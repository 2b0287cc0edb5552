namespace Squad.Core.Tracking;

/// <summary>
/// An error tracker (Sentry) whose links appear in bug stubs: the Diagnostician gets the latest event's stack trace
/// when the stub only links to it. Optional: without one, the stub's own text is all there is.
/// </summary>
public interface IErrorTracker
{
    /// <summary>The first link in <paramref name="issueText"/> this tracker can read, or null.</summary>
    Uri? FindLink(string issueText);

    /// <summary>The latest event of the linked issue, rendered as text: the exception, its message and its frames.</summary>
    /// <exception cref="SquadException">The tracker refused the request, or answered with something unreadable.</exception>
    Task<string> ReadLatestEventAsync(Uri link, CancellationToken cancellationToken = default);
}
