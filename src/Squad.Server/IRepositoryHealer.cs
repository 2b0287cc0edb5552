using Squad.Core.Orchestration;

namespace Squad.Server;

/// <summary>
/// Runs the Healer on a repository's default branch for <c>squad serve</c> (a GitHub webhook reported it red): the
/// CLI's composition, exactly as <c>squad heal</c> on the milestone configured for that repository; a fake in tests.
/// </summary>
public interface IRepositoryHealer
{
    /// <summary>Judges main of <paramref name="repository"/> (<c>owner/name</c>) and runs the fix squad when the Healer starts or resumes one.</summary>
    /// <exception cref="OperationCanceledException">The run was stopped; its squad stays resumable.</exception>
    Task<LaunchSummary> HealAsync(string repository, ISquadProgress progress, CancellationToken cancellationToken = default);
}
