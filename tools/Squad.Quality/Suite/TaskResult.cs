namespace Squad.Quality.Suite;

/// <summary>What the suite measured on one task.</summary>
internal sealed record TaskResult
{
    public required string Id { get; init; }

    public required string Language { get; init; }

    /// <summary>The hidden acceptance test passes on main after the squad.</summary>
    public required bool Resolved { get; init; }

    public required bool Merged { get; init; }

    public required string Outcome { get; init; }

    public required IReadOnlyList<RoleUsage> Roles { get; init; }

    public required TimeSpan Duration { get; init; }

    public bool FalseMerge => Merged && !Resolved;
}
