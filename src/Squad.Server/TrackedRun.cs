namespace Squad.Server;

/// <summary>A run started from Slack: what it runs, who asked, where its progress goes, and how to stop it.</summary>
internal sealed class TrackedRun : IDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public required string Id { get; init; }

    public required string Reference { get; init; }

    public required SlackRequest Request { get; init; }

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
