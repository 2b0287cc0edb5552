using Squad.Core.Domain;

namespace Squad.Core.Tracking;

/// <summary>
/// Files a new issue in a milestone: the Healer's stub for a red main. A tracker that can file issues implements it
/// beside <see cref="IIssueTracker"/>. Filing is idempotent by <see cref="IssueDraft.Marker"/>: a killed run that filed
/// the issue but did not record it finds it again on the rerun and never files two.
/// </summary>
public interface IIssueCreator
{
    /// <summary>
    /// Files <paramref name="draft"/> in <paramref name="milestone"/> (loaded by this tracker) unless an issue there already
    /// carries the draft's marker; returns the identifier of the issue filed or found.
    /// </summary>
    /// <exception cref="SquadException">The milestone was not loaded by this tracker, or the tracker refused the write.</exception>
    Task<string> CreateIssueAsync(Milestone milestone, IssueDraft draft, CancellationToken cancellationToken = default);
}
