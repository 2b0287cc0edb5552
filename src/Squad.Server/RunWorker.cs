using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Squad.Server;

/// <summary>
/// Takes runs off the queue and runs them one after another, so two runs never race on the same data directory.
/// On shutdown the running one is cancelled and awaited: its squads stop between steps and stay resumable.
/// </summary>
internal sealed class RunWorker(RunRegistry registry, IMilestoneLauncher launcher, RunNotifierFactory notifiers, ILogger<RunWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var run in registry.Queue.ReadAllAsync(stoppingToken))
            {
                await ExecuteRunAsync(run, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: queued runs are simply not started.
        }
        finally
        {
            registry.Complete();
        }
    }

    private async Task ExecuteRunAsync(TrackedRun run, CancellationToken stoppingToken)
    {
        var notifier = notifiers.Create(run);
        var pump = notifier.PumpAsync(CancellationToken.None);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(run.StopToken, stoppingToken);
        try
        {
            linked.Token.ThrowIfCancellationRequested();
            Move(run, RunState.Running, "running");
            var who = run.Request is { } request ? $"asked by {SlackText.Mention(request.UserId)}" : run.Origin ?? "on schedule";
            notifier.Post(SlackUpdate.Started, $"Run {run.Id} started: {run.Reference} ({who}).");
            var summary = await run.Work(launcher, notifier, linked.Token);
            Move(run, RunState.Finished, summary.Succeeded ? "finished: nothing needs attention" : "finished: some issues need attention");
            notifier.Post(SlackUpdate.Final, $"Run {run.Id} finished (squad run {summary.RunId}).\n{summary.Text}");
        }
        catch (OperationCanceledException) when (linked.IsCancellationRequested)
        {
            var why = stoppingToken.IsCancellationRequested ? "the server is shutting down" : "stopped with /squad stop";
            Move(run, RunState.Stopped, "stopped: " + why);
            notifier.Post(SlackUpdate.Final, $"Run {run.Id} stopped ({why}). Every squad can resume: {run.ResumeHint}.");
        }
        catch (Exception ex)
        {
            // Whatever broke this run must not stop the worker: say so in Slack and take the next run.
            ServerLog.RunFailed(logger, run.Id, ex);
            Move(run, RunState.Failed, "failed: " + ex.Message);
            notifier.Post(SlackUpdate.Final, $"Run {run.Id} failed: {ex.Message}");
        }
        finally
        {
            notifier.Complete();
            await pump;
            run.Settle();
        }
    }

    private void Move(TrackedRun run, RunState state, string latest)
    {
        run.State = state;
        run.Latest = latest;
        ServerLog.RunChanged(logger, run.Id, run.Reference, state);
    }
}
