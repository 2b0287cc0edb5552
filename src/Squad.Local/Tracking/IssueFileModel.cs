namespace Squad.Local.Tracking;

/// <summary>The YAML shape of an issue file's front matter.</summary>
internal sealed class IssueFileModel
{
    public string? Identifier { get; set; }

    public string? Title { get; set; }

    public string? State { get; set; }

    public List<string>? Labels { get; set; }

    public int? Priority { get; set; }

    public double? Estimate { get; set; }

    public List<string>? BlockedBy { get; set; }

    public string? Branch { get; set; }

    public List<IssueLinkModel>? Links { get; set; }
}
