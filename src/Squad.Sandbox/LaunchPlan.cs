namespace Squad.Sandbox;

/// <summary>What the prologue execs, and how: the one difference between the bubblewrap and the host sandbox.</summary>
internal sealed record LaunchPlan
{
    /// <summary>The program and its arguments, run by the prologue's <c>exec</c>.</summary>
    public required IReadOnlyList<string> Program { get; init; }

    /// <summary>The environment of the launched process (bubblewrap clears it again for the command).</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    public required string WorkingDirectory { get; init; }

    /// <summary>Whether the program leads a process group of its own, killed as a whole at the end.</summary>
    public bool OwnProcessGroup { get; init; }
}
