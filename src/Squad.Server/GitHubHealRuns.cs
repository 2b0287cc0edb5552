using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Squad.Core.Orchestration;
using Squad.Core.Verification;

namespace Squad.Server;

/// <summary>
/// Queues the Healer's runs for accepted GitHub deliveries on the <see cref="RunRegistry"/>, so they take turns with
/// Slack's runs and the sweeps; records each delivery's outcome when its run ends. At start it queues the deliveries
/// accepted before a restart whose run never finished (the process died): a redelivery of their id is a replay, so
/// each starts one run. The Healer's own ledger makes a run that resumes after a kill resume the same fix squad.
/// </summary>
internal sealed class GitHubHealRuns(GitHubWebhookOptions options, RunRegistry registry, TimeProvider time, ILogger<GitHubHealRuns> logger) : IHostedService
{
    public TrackedRun Start(WebhookDelivery delivery)
    {
        var repository = delivery.Repository ?? throw new ArgumentException("a delivery that starts nothing has no run", nameof(delivery));
        return registry.Enqueue(id => new TrackedRun
        {
            Id = id,
            Reference = $"heal {repository}",
            Work = (_, progress, cancellationToken) => HealAsync(delivery.Id, repository, progress, cancellationToken),
            Origin = $"by GitHub delivery {delivery.Id}",
            ResumeHint = "restart `squad serve` (it takes up unfinished deliveries) or run `squad heal` on the milestone",
            RequestedAt = time.GetUtcNow(),
        });
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var delivery in await options.Deliveries.ListPendingAsync(cancellationToken))
        {
            var run = Start(delivery);
            GitHubWebhookLog.Resumed(logger, delivery.Id, delivery.Repository ?? "", run.Id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<LaunchSummary> HealAsync(string id, string repository, ISquadProgress progress, CancellationToken cancellationToken)
    {
        LaunchSummary summary;
        try
        {
            summary = await options.Healer.HealAsync(repository, progress, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Stopped runs stay pending for the next start; a failed one is done: the next red run reported tries again.
            await options.Deliveries.CompleteAsync(id, "failed: " + ex.Message, CancellationToken.None);
            throw;
        }

        await options.Deliveries.CompleteAsync(id, summary.Succeeded ? "done" : "needs attention", CancellationToken.None);
        return summary;
    }
}
