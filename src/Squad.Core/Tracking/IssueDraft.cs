namespace Squad.Core.Tracking;

/// <summary>An issue to file. Title and body are redacted and the body's untrusted parts fenced before they get here.</summary>
public sealed record IssueDraft
{
    /// <summary>The identifier a tracker that names its own issues (the local folder) gives it; Linear numbers its own.</summary>
    public required string Identifier { get; init; }

    public required string Title { get; init; }

    /// <summary>The description, ending with <see cref="Marker"/>.</summary>
    public required string Body { get; init; }

    /// <summary>A hidden line only this draft carries (an HTML comment), by which a rerun finds the issue it filed.</summary>
    public required string Marker { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];
}
