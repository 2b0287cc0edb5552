using Squad.Core.Orchestration;

namespace Squad.Testing.Contracts;

/// <summary>The runs and squads the store suites save.</summary>
public static class StoreRecords
{
    public const string MilestoneKey = "milestones/checkout";

    public static NewRun NewRun(string milestoneKey = MilestoneKey) => new()
    {
        MilestoneKey = milestoneKey,
        MilestoneName = "Checkout",
        Repository = "acme/shop",
        Model = "scripted",
    };

    public static SquadRecord Squad(string runId, string issueIdentifier, string milestoneKey = MilestoneKey) => new()
    {
        MilestoneKey = milestoneKey,
        IssueIdentifier = issueIdentifier,
        RunId = runId,
        IssueTitle = $"Title of {issueIdentifier}",
        UpdatedAt = new DateTimeOffset(2025, 3, 14, 10, 0, 0, TimeSpan.Zero),
    };
}
