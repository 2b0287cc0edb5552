namespace Squad.Server;

/// <summary>
/// A piece of work the server runs in the background (a milestone run, a bug fix or a sweep): what it runs, who
/// asked, where its progress goes, and how to stop it.
/// </summary>
internal sealed class TrackedRun : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public required string Id { get; init; }

    /// <summary>What it works on, for people: a milestone URL or folder, an issue, a sweep's name.</summary>
    public required string Reference { get; init; }

    /// <summary>The work itself, run by <see cref="RunWorker"/> with the launcher and this run's progress.</summary>
    public required Func<IMilestoneLauncher, Core.Orchestration.ISquadProgress, CancellationToken, Task<LaunchSummary>> Work { get; init; }

    /// <summary>The slash command that asked for it, or null when the server started it (a scheduled sweep).</summary>
    public SlackRequest? Request { get; init; }

    /// <summary>Who started it when no slash command did, for its first message (<c>on schedule</c> when null).</summary>
    public string? Origin { get; init; }

    /// <summary>The channel its thread goes to: the command's channel, or a sweep's configured one.</summary>
    public string? ChannelId { get; init; }

    /// <summary>What to type to resume it once stopped.</summary>
    public required string ResumeHint { get; init; }

    public required DateTimeOffset RequestedAt { get; init; }

    public RunState State { get; set; } = RunState.Queued;

    /// <summary>The last thing that happened, for <c>/squad status</c>.</summary>
    public string Latest { get; set; } = "queued";

    public CancellationToken StopToken => stop.Token;

    public Task StopAsync() => stop.CancelAsync();

    /// <summary>Completes once the run is over and its last message is posted.</summary>
    public Task Settled => settled.Task;

    public void Settle() => settled.TrySetResult();

    public void Dispose() => stop.Dispose();
}
