namespace Squad.Cli;

/// <summary>What the user named: a milestone folder or a Linear URL, and how to find the repository.</summary>
internal sealed record RunTargetRequest
{
    public required string Reference { get; init; }

    /// <summary>The milestone's name when <see cref="Reference"/> is a Linear project URL.</summary>
    public string? MilestoneName { get; init; }

    /// <summary><c>owner/name</c> for every team and project, unless the config file maps them.</summary>
    public string? Repository { get; init; }

    public string? ConfigFile { get; init; }
}
