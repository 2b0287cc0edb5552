namespace Squad.Local.Tracking;

/// <summary>The YAML shape of <c>milestone.yml</c>.</summary>
internal sealed class MilestoneFileModel
{
    public string? Name { get; set; }

    public string? Repository { get; set; }

    public string? Source { get; set; }

    public string? DefaultBranch { get; set; }
}
