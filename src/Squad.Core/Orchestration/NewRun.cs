namespace Squad.Core.Orchestration;

public sealed record NewRun
{
    public required string MilestoneKey { get; init; }

    public required string MilestoneName { get; init; }

    public required string Repository { get; init; }

    /// <summary>A short description of the models in use ("scripted", "openai:gpt-4.1").</summary>
    public required string Model { get; init; }
}
