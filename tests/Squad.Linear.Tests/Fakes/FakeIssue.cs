namespace Squad.Linear.Tests.Fakes;

/// <summary>An issue the fake holds; state and labels change with the mutations the client sends.</summary>
public sealed class FakeIssue
{
    public required string Id { get; init; }

    public required string Identifier { get; init; }

    public required string TeamId { get; init; }

    public string Title { get; set; } = "";

    public string? Description { get; set; }

    public required string StateId { get; set; }

    public string? MilestoneId { get; set; }

    public string? ProjectId { get; set; }

    public double Priority { get; set; }

    public double? Estimate { get; set; }

    public string BranchName { get; set; } = "";

    public List<string> LabelIds { get; } = [];
}
