using Squad.Core.Domain;

namespace Squad.Local.Tracking;

/// <summary>An issue file as read: its parts, its front matter, and the issue they make.</summary>
internal sealed record ParsedIssueFile
{
    public required string Path { get; init; }

    public required FrontMatterDocument Document { get; init; }

    public required IssueFileModel Model { get; init; }

    public required Issue Issue { get; init; }
}
