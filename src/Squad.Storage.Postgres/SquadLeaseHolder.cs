namespace Squad.Storage.Postgres;

/// <summary>
/// Who holds a squad's lease: one start of the squad (<paramref name="Holder"/>, unique per start) on the Orleans silo
/// <paramref name="Silo"/> (its parsable address, which membership declares dead when the node dies).
/// </summary>
public sealed record SquadLeaseHolder(string Holder, string Silo);
