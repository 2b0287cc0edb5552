using System.Collections.Concurrent;
using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Server.Tests;

/// <summary>Records the milestones and sweeps it is asked to run; finishes at once, fails, or holds until it is released or cancelled.</summary>
internal sealed class FakeLauncher(bool hold = false, Exception? failWith = null) : IMilestoneLauncher
{
    private readonly ConcurrentQueue<string> started = new();
    private readonly ConcurrentQueue<string> swept = new();
    private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public IReadOnlyList<string> Started => [.. started];

    public TaskCompletionSource<CancellationToken> Running { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task<LaunchSummary> RunAsync(string reference, ISquadProgress progress, CancellationToken cancellationToken = default)
    {
        started.Enqueue(reference);
        Running.TrySetResult(cancellationToken);
        if (hold)
        {
            await release.Task.WaitAsync(cancellationToken);
        }

        if (failWith is not null)
        {
            throw failWith;
        }

        progress.Report("FAKE-1", SquadStep.PullRequest, "PR #1 open");
        return new LaunchSummary { RunId = "run-1", Succeeded = true, Text = $"• FAKE-1 merged ({reference})" };
    }

    public Task<LaunchSummary> FixAsync(string issue, ISquadProgress progress, CancellationToken cancellationToken = default)
        => RunAsync("fix " + issue, progress, cancellationToken);

    /// <summary>The sweeps it was asked to run, by name, in order.</summary>
    public IReadOnlyList<string> Swept => [.. swept];

    public async Task<LaunchSummary> SweepAsync(SweepDefinition sweep, ISquadProgress progress, CancellationToken cancellationToken = default)
    {
        swept.Enqueue(sweep.Name);
        Running.TrySetResult(cancellationToken);
        if (hold)
        {
            await release.Task.WaitAsync(cancellationToken);
        }

        return new LaunchSummary { RunId = "run-1", Succeeded = true, Text = $"• FAKE-1 started, merged (sweep {sweep.Name})" };
    }

    public void Release() => release.TrySetResult();
}
