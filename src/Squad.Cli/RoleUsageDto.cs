namespace Squad.Cli;

/// <summary>One role's model calls in a run, added up.</summary>
internal sealed record RoleUsageDto
{
    public required string Role { get; init; }

    public required UsageDto Usage { get; init; }
}
