namespace Squad.GitHub.Tests.Fakes;

/// <summary>A commit status or, with <see cref="IsCheckRun"/>, a check run (<see cref="State"/> is then its status and <see cref="Conclusion"/> its result).</summary>
public sealed record FakeStatus
{
    public required string Sha { get; init; }

    public required string Context { get; init; }

    public required string State { get; init; }

    public string Description { get; init; } = "";

    public bool IsCheckRun { get; init; }

    public string? Conclusion { get; init; }
}
