using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;
using Squad.Storage.Postgres;

namespace Squad.Cluster;

/// <summary>A node of the cluster: an Orleans silo on PostgreSQL (membership, grain state, reminders) that runs squads.</summary>
public static class SquadWorker
{
    internal const string StorageName = "squads";
    private const string Invariant = "Npgsql";

    /// <summary>
    /// Prepares the database and builds the node's host; <paramref name="work"/> runs each squad, <paramref name="sweeps"/>
    /// the configured sweeps' occurrences (none without it).
    /// </summary>
    public static async Task<IHost> BuildAsync(
        WorkerSettings settings, ISquadWork work, TimeProvider time, ISweepWork? sweeps = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        await OrleansSchema.EnsureAsync(settings.Cluster.ConnectionString, cancellationToken);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true).SetMinimumLevel(LogLevel.Error)
            .AddFilter("Squad", LogLevel.Information);
        builder.Services.AddSingleton(settings).AddSingleton(work).AddSingleton(time).AddSingleton<SquadSlots>()
            .AddSingleton(sweeps ?? NoSweeps.Instance)
            .AddSingleton(_ => new PostgresSweepLedger(settings.Cluster.ConnectionString, time))
            .AddSingleton(_ => new PostgresSquadLeases(settings.Cluster.ConnectionString, time));
        builder.Services.AddHostedService<KillSwitchMirror>();
        builder.UseOrleans(silo =>
        {
            var connectionString = settings.Cluster.ConnectionString;
            silo.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (settings.Cluster.ClusterId, settings.Cluster.ClusterId));
            silo.Configure<SiloOptions>(options => options.SiloName = settings.NodeName);
            silo.ConfigureEndpoints(settings.Address, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: false);
            silo.UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = (Invariant, connectionString));
            silo.AddAdoNetGrainStorage(StorageName, options => (options.Invariant, options.ConnectionString) = (Invariant, connectionString));
            silo.UseAdoNetReminderService(options => (options.Invariant, options.ConnectionString) = (Invariant, connectionString));
            silo.Configure<ClusterMembershipOptions>(ClusterTuning.Membership);
            silo.Configure<ReminderOptions>(ClusterTuning.Reminders);
            silo.AddPlacementDirector<SpreadPlacement, SpreadPlacementDirector>();
        });
        builder.Services.AddHostedService<SweepReminders>();
        return builder.Build();
    }
}
