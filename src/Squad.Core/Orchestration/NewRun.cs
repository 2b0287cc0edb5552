namespace Squad.Core.Orchestration;

public sealed record NewRun
{
    public required string MilestoneKey { get; init; }

    public required string MilestoneName { get; init; }

    public required string Repository { get; init; }

    /// <summary>A short description of the models in use ("scripted", "openai:gpt-4.1").</summary>
    public required string Model { get; init; }

    /// <summary>A run of <paramref name="milestone"/> with <paramref name="model"/>.</summary>
    public static NewRun Of(Domain.Milestone milestone, string model)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        return new() { MilestoneKey = milestone.Key, MilestoneName = milestone.Name, Repository = milestone.Repository, Model = model };
    }
}
