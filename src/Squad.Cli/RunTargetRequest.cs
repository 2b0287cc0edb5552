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

    /// <summary>
    /// One issue to work on alone (a bug fix): its identifier in the local folder <see cref="Reference"/>, or, with an
    /// empty reference, a Linear issue identifier.
    /// </summary>
    public string? Issue { get; init; }
}
