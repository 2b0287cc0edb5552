namespace Squad.Core.Domain;

/// <summary>An issue as the tracker holds it; the description is Markdown and is treated as untrusted data.</summary>
public sealed record Issue
{
    public required string Identifier { get; init; }

    public required string Title { get; init; }

    public string Description { get; init; } = "";

    /// <summary>The tracker's own name for the state, for display.</summary>
    public string State { get; init; } = "";

    public IssueStateType StateType { get; init; } = IssueStateType.Unstarted;

    public IReadOnlyList<string> Labels { get; init; } = [];

    /// <summary>0 (none) to 4 (low), as Linear counts; lower is more urgent, 0 means unset.</summary>
    public int Priority { get; init; }

    /// <summary>Size estimate in points, when the team estimates.</summary>
    public double? Estimate { get; init; }

    /// <summary>Identifiers of issues that must be done before this one starts.</summary>
    public IReadOnlyList<string> BlockedBy { get; init; } = [];

    /// <summary>The branch the tracker suggests for this issue, when it has one.</summary>
    public string? BranchName { get; init; }

    /// <summary>A link a person can open, when the tracker has one.</summary>
    public string? Url { get; init; }
}
