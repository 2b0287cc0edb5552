using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Squad.Core;
using Squad.Storage.Postgres;

namespace Squad.Cluster;

/// <summary>
/// What <c>squad run/fix/sweep/status --cluster</c> talk to: a client of the cluster's gateways (found through the
/// membership table in PostgreSQL) that submits squads to their grains, reads where they stand and stops them.
/// </summary>
public sealed class SquadClusterClient : IAsyncDisposable
{
    private readonly IHost host;

    private SquadClusterClient(IHost host) => this.host = host;

    private IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    /// <exception cref="SquadException">No node of the cluster answers (<see cref="SquadErrorCode.Integration"/>).</exception>
    public static async Task<SquadClusterClient> ConnectAsync(ClusterSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(options => (options.ClusterId, options.ServiceId) = (settings.ClusterId, settings.ClusterId));
            client.UseAdoNetClustering(options => (options.Invariant, options.ConnectionString) = ("Npgsql", settings.ConnectionString));
            client.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
            return new SquadClusterClient(host);
        }
        catch (Exception exception) when (exception is OrleansException or SiloUnavailableException or Npgsql.NpgsqlException or InvalidOperationException)
        {
            host.Dispose();
            throw new SquadException(SquadErrorCode.Integration,
                $"no node of the cluster on {PostgresConnection.Describe(settings.ConnectionString)} answers: start one with 'squad worker --cluster ...' ({exception.Message.ReplaceLineEndings(" ")})",
                exception);
        }
    }

    public ISquadGrain Squad(string key) => Client.GetGrain<ISquadGrain>(key);

    public Task<SquadProgress> SubmitAsync(SquadOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return Squad(order.Key).StartAsync(order);
    }

    /// <summary>Waits until every order's squad has ended (finished or stopped), asking each grain every <paramref name="interval"/>.</summary>
    public async Task<IReadOnlyDictionary<string, SquadProgress>> WaitAsync(
        IReadOnlyList<SquadOrder> orders, TimeSpan interval, Action<SquadOrder, SquadProgress>? onChange = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(orders);
        var last = new Dictionary<string, SquadProgress>(StringComparer.Ordinal);
        while (true)
        {
            foreach (var order in orders.Where(o => !Ended(last.GetValueOrDefault(o.Key))))
            {
                var progress = await AskAsync(order.Key);
                if (progress is not null && progress != last.GetValueOrDefault(order.Key))
                {
                    last[order.Key] = progress;
                    onChange?.Invoke(order, progress);
                }
            }

            if (orders.All(o => Ended(last.GetValueOrDefault(o.Key))))
            {
                return last;
            }

            await Task.Delay(interval, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }

    /// <summary>
    /// Ended since the order was submitted: a grain never answers a finish from before it (an order of another run
    /// restarts a finished squad), so a finish under another run is the run that was busy with it when this order came
    /// (the same command on two serve nodes): that squad is this order's too, and it ended.
    /// </summary>
    private static bool Ended(SquadProgress? progress) => progress is { Phase: SquadPhase.Finished or SquadPhase.Stopped };

    /// <summary>A grain whose node just died answers nothing until the cluster has moved it: ask again next time.</summary>
    private async Task<SquadProgress?> AskAsync(string key)
    {
        try
        {
            return await Squad(key).StatusAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception exception) when (exception is OrleansException or SiloUnavailableException or TimeoutException or OrleansMessageRejectionException)
        {
            return null;
        }
    }
}
