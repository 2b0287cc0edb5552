using Squad.Core.Orchestration;

namespace Squad.Server;

/// <summary>
/// Runs a milestone for the server: the seam between the Slack host and the composition that runs squads
/// (the CLI's, in <c>squad serve</c>; a fake in tests). Bug-fix runs and sweeps start work through it too.
/// </summary>
public interface IMilestoneLauncher
{
    /// <summary>Runs the milestone <paramref name="reference"/> names (a URL or a folder) until it ends or is cancelled.</summary>
    /// <exception cref="OperationCanceledException">The run was stopped; its squads stay resumable.</exception>
    Task<LaunchSummary> RunAsync(string reference, ISquadProgress progress, CancellationToken cancellationToken = default);

    /// <summary>Runs a bug-fix squad for the one issue <paramref name="issue"/> names (an identifier or URL): a diagnosis first.</summary>
    /// <exception cref="OperationCanceledException">The run was stopped; the squad stays resumable.</exception>
    Task<LaunchSummary> FixAsync(string issue, ISquadProgress progress, CancellationToken cancellationToken = default);

    /// <summary>
    /// Runs <paramref name="sweep"/> once: starts squads for its ready issues, skipping those in flight, with an open
    /// pull request or settled; the summary says, per milestone, what it started and what it skipped and why.
    /// </summary>
    /// <exception cref="OperationCanceledException">The sweep was stopped; its squads stay resumable.</exception>
    Task<LaunchSummary> SweepAsync(SweepDefinition sweep, ISquadProgress progress, CancellationToken cancellationToken = default);
}
