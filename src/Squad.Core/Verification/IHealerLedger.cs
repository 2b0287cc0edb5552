namespace Squad.Core.Verification;

/// <summary>Where the Healer's attempts per cause are kept (the data directory's SQLite file), so budgets and cool-downs survive restarts.</summary>
public interface IHealerLedger
{
    Task<HealerRecord?> GetAsync(string repository, string signature, CancellationToken cancellationToken = default);

    Task SaveAsync(HealerRecord record, CancellationToken cancellationToken = default);

    /// <summary>Every cause of every repository, the latest attempt first.</summary>
    Task<IReadOnlyList<HealerRecord>> ListAsync(CancellationToken cancellationToken = default);
}
