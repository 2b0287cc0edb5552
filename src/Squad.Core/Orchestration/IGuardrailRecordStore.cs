namespace Squad.Core.Orchestration;

/// <summary>
/// Where <see cref="GuardrailResults"/> keeps its records beyond the process (the data directory's state database): a run
/// killed after its tests and resumed, or a later run on the same trees, does not test them again. Only the orchestrator
/// writes it; it lives where no agent or sandboxed command reaches.
/// </summary>
public interface IGuardrailRecordStore
{
    /// <summary>The record under <paramref name="key"/>, or null.</summary>
    Task<GuardrailRecord?> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="record"/> unless one is under its key already: the first record of a key stays.</summary>
    Task SaveAsync(GuardrailRecord record, CancellationToken cancellationToken = default);
}
