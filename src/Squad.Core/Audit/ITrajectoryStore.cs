namespace Squad.Core.Audit;

/// <summary>
/// Where the conversations of agent passes are kept, beside the audit trail: pieces named by the SHA-256 the audit
/// records hold (see <see cref="Trajectories"/>), so the records verify them. Writing the same name twice is harmless.
/// </summary>
public interface ITrajectoryStore
{
    /// <summary>Stores <paramref name="content"/> under <paramref name="name"/> (64 lower-case hex digits), atomically.</summary>
    Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>The content stored under <paramref name="name"/>, or null when there is none.</summary>
    Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default);
}
