using System.Net;

namespace Squad.Cluster;

/// <summary>One node of the cluster (<c>squad worker</c>).</summary>
public sealed record WorkerSettings
{
    public required ClusterSettings Cluster { get; init; }

    /// <summary>The node's name in logs and in a squad's status.</summary>
    public required string NodeName { get; init; }

    /// <summary>The address other nodes and clients reach this node at (loopback for a one-machine cluster).</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Silo-to-silo port.</summary>
    public int SiloPort { get; init; } = 11111;

    /// <summary>The port clients (<c>squad run --cluster</c>) connect to.</summary>
    public int GatewayPort { get; init; } = 30000;

    /// <summary>How many squads this node runs at once; more wait here for a slot.</summary>
    public int Squads { get; init; } = 2;

    /// <summary>
    /// How often a running squad's reminder fires: the lease. After its node dies, the squad is reactivated on another
    /// node at its next tick, at most this long after the death is detected.
    /// </summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a start's hold on its squad's lease in PostgreSQL lives without renewal (it renews every third of it): a
    /// node cut off from the others without being declared dead keeps its squads this long before another node may take them.
    /// </summary>
    public TimeSpan LeaseTimeToLive => Lease * 3;

    /// <summary>The configured sweeps (squad.yml) this node schedules: each gets one reminder in the whole cluster.</summary>
    public IReadOnlyList<string> Sweeps { get; init; } = [];

    /// <summary>How often a sweep's reminder ticks; an occurrence fires at the first tick after it is due.</summary>
    public TimeSpan SweepTick { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The node's kill-switch file, which its merge gate checks; mirrored from the cluster's switch in PostgreSQL.</summary>
    public required string KillSwitchFile { get; init; }
}
