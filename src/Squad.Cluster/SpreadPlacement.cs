using Orleans.Placement;
using Orleans.Runtime.Placement;

namespace Squad.Cluster;

/// <summary>
/// Squads are spread over the nodes in turn. A milestone's orders arrive in one burst through one gateway node, which
/// places them all: Orleans' resource-optimized default kept a burst on one node, and placement by activation count
/// sees the other nodes' counts seconds late, so three nodes could get three, two and one of six squads. Taking the
/// compatible nodes in turn gives each its share of the burst; a squad resumed after a failover is placed the same way
/// among the nodes still alive.
/// </summary>
[Serializable]
[GenerateSerializer]
[Immutable]
public sealed class SpreadPlacement : PlacementStrategy
{
}

/// <summary>Marks a grain class as placed by <see cref="SpreadPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class SpreadPlacementAttribute : PlacementAttribute
{
    public SpreadPlacementAttribute()
        : base(new SpreadPlacement())
    {
    }
}

/// <summary>The director of <see cref="SpreadPlacement"/>: the compatible nodes in address order, each in turn.</summary>
internal sealed class SpreadPlacementDirector : IPlacementDirector
{
    private int next = -1;

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var silos = context.GetCompatibleSilos(target).OrderBy(s => s.ToString(), StringComparer.Ordinal).ToArray();
        var turn = (uint)Interlocked.Increment(ref next);
        return Task.FromResult(silos[(int)(turn % (uint)silos.Length)]);
    }
}
