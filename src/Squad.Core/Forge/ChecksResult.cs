namespace Squad.Core.Forge;

/// <summary>The combined state of the host's checks on one commit.</summary>
public sealed record ChecksResult
{
    public required ChecksState State { get; init; }

    /// <summary>What is pending or failing, for a person.</summary>
    public string Summary { get; init; } = "";

    public static ChecksResult Passing(string summary = "") => new() { State = ChecksState.Passing, Summary = summary };
}
