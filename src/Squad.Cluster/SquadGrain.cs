using Microsoft.Extensions.Logging;

namespace Squad.Cluster;

/// <summary>
/// A squad: its order and phase in PostgreSQL, its run a task it owns, a reminder as its lease. When its node dies, the
/// reminder fires on another node, which activates the grain there; activation finds the order still running and
/// starts it again, and Core's squad runner resumes from the last stored step (effects are exactly-once by the journal).
/// </summary>
internal sealed partial class SquadGrain(
    [PersistentState("squad", SquadWorker.StorageName)] IPersistentState<SquadGrainState> state,
    ISquadWork work,
    SquadSlots slots,
    WorkerSettings settings,
    ILogger<SquadGrain> logger) : Grain, ISquadGrain, IRemindable, IDisposable
{
    private const string LeaseReminder = "lease";

    private CancellationTokenSource? stopping;
    private Task? running;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State is { Phase: SquadPhase.Running, Order: { } order })
        {
            // Activated by the lease after the node that ran it died (or by a call): resume from the stored steps.
            LogResuming(logger, order.IssueIdentifier, settings.NodeName);
            await LaunchAsync(order);
        }
    }

    /// <summary>
    /// The node shuts down (Ctrl+C on the worker): the squad stops between steps and stays Running in storage, so its
    /// lease resumes it on another node.
    /// </summary>
    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (stopping is not null && running is { IsCompleted: false })
        {
            await stopping.CancelAsync();
            await running.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public void Dispose() => stopping?.Dispose();

    public async Task<SquadProgress> StartAsync(SquadOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var busy = state.State.Phase == SquadPhase.Running;
        var alreadyDone = state.State.Order?.RunId == order.RunId && state.State.Phase is SquadPhase.Finished;
        if (!busy && !alreadyDone)
        {
            // Intent first: the order is stored before the squad starts, so a node dying now still leaves it to resume.
            state.State.Order = order;
            state.State.Phase = SquadPhase.Running;
            state.State.Outcome = null;
            state.State.Starts = 0;
            await state.WriteStateAsync();
            await this.RegisterOrUpdateReminder(LeaseReminder, settings.Lease, settings.Lease);
            await LaunchAsync(order);
        }

        return Progress();
    }

    public Task<SquadProgress> StatusAsync() => Task.FromResult(Progress());

    public async Task<SquadProgress> StopAsync()
    {
        if (state.State.Phase == SquadPhase.Running)
        {
            if (stopping is not null)
            {
                await stopping.CancelAsync();
            }

            state.State.Phase = SquadPhase.Stopped;
            await state.WriteStateAsync();
            await ReleaseLeaseAsync();
        }

        return Progress();
    }

    public async Task FinishAsync(string runId, string outcome)
    {
        if (state.State is not { Phase: SquadPhase.Running, Order: { } order } || order.RunId != runId)
        {
            return;
        }

        state.State.Phase = SquadPhase.Finished;
        state.State.Outcome = outcome;
        await state.WriteStateAsync();
        await ReleaseLeaseAsync();
        LogFinished(logger, order.IssueIdentifier, outcome, settings.NodeName);
        DeactivateOnIdle();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State is { Phase: SquadPhase.Running, Order: { } order })
        {
            if (running is null || running.IsCompleted)
            {
                await LaunchAsync(order);
            }

            return;
        }

        await ReleaseLeaseAsync();
    }

    /// <summary>Starts the squad's task, outside any grain call, and keeps the activation alive while it runs.</summary>
    private async Task LaunchAsync(SquadOrder order)
    {
        state.State.Starts++;
        await state.WriteStateAsync();
        DelayDeactivation(TimeSpan.FromDays(7));
        stopping = new CancellationTokenSource();
        var token = stopping.Token;
        var self = GrainFactory.GetGrain<ISquadGrain>(this.GetPrimaryKeyString());
        running = Task.Run(() => RunAsync(order, self, token), CancellationToken.None);
    }

    private async Task RunAsync(SquadOrder order, ISquadGrain self, CancellationToken cancellationToken)
    {
        string outcome;
        try
        {
            await work.WaitUntilReadyAsync(order, cancellationToken);
            outcome = await slots.RunAsync(() => work.RunAsync(order, cancellationToken), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
#pragma warning disable CA1031 // A squad's failure is its outcome, reported to the client; the grain must go on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception, order.IssueIdentifier);
            outcome = $"Failed: {exception.Message.ReplaceLineEndings(" ")}";
        }

        await self.FinishAsync(order.RunId, outcome);
    }

    private async Task ReleaseLeaseAsync()
    {
        if (await this.GetReminder(LeaseReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private SquadProgress Progress() => new()
    {
        Phase = state.State.Phase,
        RunId = state.State.Order?.RunId,
        Node = settings.NodeName,
        Outcome = state.State.Outcome,
        Starts = state.State.Starts,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the squad of {Issue} on {Node}")]
    private static partial void LogResuming(ILogger logger, string issue, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "The squad of {Issue} ended {Outcome} on {Node}")]
    private static partial void LogFinished(ILogger logger, string issue, string outcome, string node);

    [LoggerMessage(Level = LogLevel.Error, Message = "The squad of {Issue} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string issue);
}
