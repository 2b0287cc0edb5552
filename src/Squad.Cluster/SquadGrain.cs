using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Squad.Core;
using Squad.Storage.Postgres;

namespace Squad.Cluster;

/// <summary>
/// A squad: its order and phase in PostgreSQL, its run a task it owns, a reminder that wakes it. When its node dies, the
/// reminder fires on another node, which activates the grain there; activation finds the order still running and
/// starts it again, and Core's squad runner resumes from the last stored step (effects are exactly-once by the journal).
/// Orleans' single activation is not relied on alone: after a node dies, its part of the grain directory is lost and a
/// second activation can appear while the first still runs. So each start first takes the squad's lease in PostgreSQL
/// (<see cref="PostgresSquadLeases"/>); a second start waits until the lease is released, expires, or its silo is
/// declared dead, and a start that lost it writes no more state (<see cref="FencedRunStore"/>) and never finishes the squad.
/// </summary>
/// <remarks>Placed on the nodes in turn (<see cref="SpreadPlacement"/>).</remarks>
[SpreadPlacement]
internal sealed partial class SquadGrain(
    [PersistentState("squad", SquadWorker.StorageName)] IPersistentState<SquadGrainState> state,
    ISquadWork work,
    SquadSlots slots,
    WorkerSettings settings,
    PostgresSquadLeases leases,
    ILocalSiloDetails silo,
    IClusterMembershipService membership,
    TimeProvider time,
    ILogger<SquadGrain> logger) : Grain, ISquadGrain, IRemindable, IDisposable
{
    private const string WakeReminder = "lease";

    private CancellationTokenSource? stopping;
    private Task? running;
    private string? waiting;

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
            await this.RegisterOrUpdateReminder(WakeReminder, settings.Lease, settings.Lease);
            await LaunchAsync(order);
        }

        return Progress();
    }

    public async Task<SquadProgress> StatusAsync()
    {
        if (running is not { IsCompleted: false })
        {
            // Not running here (waiting for the lease, or a second activation): the stored state is the truth, since the
            // start that holds the lease may have ended the squad through another activation.
            await state.ReadStateAsync();
        }

        return Progress();
    }

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
            await StopWakingAsync();
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
        await StopWakingAsync();
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

        await StopWakingAsync();
    }

    /// <summary>
    /// Starts the squad's task, outside any grain call, and keeps the activation alive while it runs: only after taking
    /// the squad's lease, and only when the squad (read again) still runs this order, since another start may have ended it.
    /// </summary>
    private async Task LaunchAsync(SquadOrder order)
    {
        if (running is { IsCompleted: false })
        {
            return;
        }

        var key = this.GetPrimaryKeyString();
        var holder = new SquadLeaseHolder($"{settings.NodeName}/{Guid.NewGuid():N}", silo.SiloAddress.ToParsableString());
        var hold = await SquadLeaseHold.TryTakeAsync(leases, key, holder, settings.LeaseTimeToLive, DeadSilos(), time);
        if (hold is null)
        {
            var lease = await leases.ReadAsync(key);
            waiting = lease is null ? "waiting for the squad's lease" : $"waiting for the squad's lease, held by {lease.Holder} until {lease.ExpiresAt:O}";
            LogWaiting(logger, order.IssueIdentifier, settings.NodeName, waiting);
            return;
        }

        waiting = null;
        await state.ReadStateAsync();
        if (state.State is not { Phase: SquadPhase.Running, Order: { } current } || current.RunId != order.RunId)
        {
            await hold.DisposeAsync();
            return;
        }

        state.State.Starts++;
        await state.WriteStateAsync();
        DelayDeactivation(TimeSpan.FromDays(7));
        stopping = new CancellationTokenSource();
        var token = stopping.Token;
        var self = GrainFactory.GetGrain<ISquadGrain>(key);
        running = Task.Run(() => RunAsync(current, hold, self, token), CancellationToken.None);
    }

    private string[] DeadSilos() => membership.CurrentSnapshot.Members.Values
        .Where(member => member.Status == SiloStatus.Dead)
        .Select(member => member.SiloAddress.ToParsableString())
        .ToArray();

    private async Task RunAsync(SquadOrder order, SquadLeaseHold hold, ISquadGrain self, CancellationToken cancellationToken)
    {
        await using var held = hold;
        using var run = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, hold.Lost);
        string outcome;
        try
        {
            await work.WaitUntilReadyAsync(order, run.Token);
            outcome = await slots.RunAsync(() => work.RunAsync(order, hold, run.Token), run.Token);
        }
        catch (OperationCanceledException) when (run.IsCancellationRequested)
        {
            LogStopped(logger, order.IssueIdentifier, settings.NodeName, hold.Lost.IsCancellationRequested ? "it lost its lease" : "it was stopped");
            return;
        }
        catch (SquadException exception) when (exception.Code == SquadErrorCode.LeaseLost)
        {
            LogStopped(logger, order.IssueIdentifier, settings.NodeName, "it lost its lease");
            return;
        }
#pragma warning disable CA1031 // A squad's failure is its outcome, reported to the client; the grain must go on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogFailed(logger, exception, order.IssueIdentifier);
            outcome = $"Failed: {exception.Message.ReplaceLineEndings(" ")}";
        }

        try
        {
            // Only the start that holds the lease ends the squad; it gives the lease up after the squad is marked finished.
            await hold.EnsureHeldAsync(CancellationToken.None);
        }
        catch (SquadException exception) when (exception.Code == SquadErrorCode.LeaseLost)
        {
            LogStopped(logger, order.IssueIdentifier, settings.NodeName, "it lost its lease");
            return;
        }

        await self.FinishAsync(order.RunId, outcome);
    }

    private async Task StopWakingAsync()
    {
        if (await this.GetReminder(WakeReminder) is { } reminder)
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
        Waiting = waiting,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Resuming the squad of {Issue} on {Node}")]
    private static partial void LogResuming(ILogger logger, string issue, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "The squad of {Issue} ended {Outcome} on {Node}")]
    private static partial void LogFinished(ILogger logger, string issue, string outcome, string node);

    [LoggerMessage(Level = LogLevel.Information, Message = "The squad of {Issue} does not start on {Node}: {Why}")]
    private static partial void LogWaiting(ILogger logger, string issue, string node, string why);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The squad of {Issue} stopped on {Node}: {Why}")]
    private static partial void LogStopped(ILogger logger, string issue, string node, string why);

    [LoggerMessage(Level = LogLevel.Error, Message = "The squad of {Issue} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string issue);
}
