namespace Squad.Cluster;

/// <summary>
/// The fence of one start of a squad: its hold on the squad's lease in PostgreSQL. The squad checks it before each state
/// write, so a start that lost the lease (to a second activation elsewhere) writes nothing more and stops.
/// </summary>
public interface ISquadFence
{
    /// <summary>Cancelled once this start is known to have lost the lease.</summary>
    CancellationToken Lost { get; }

    /// <summary>Returns when this start still holds the lease; otherwise throws <see cref="Core.SquadException"/> (<c>LeaseLost</c>).</summary>
    Task EnsureHeldAsync(CancellationToken cancellationToken);
}
