namespace Squad.Storage.Postgres;

/// <summary>A squad's lease as stored: its holder, the fencing token of the current hold and when it expires.</summary>
public sealed record SquadLeaseRow(string Holder, string Silo, long Token, DateTimeOffset ExpiresAt);
