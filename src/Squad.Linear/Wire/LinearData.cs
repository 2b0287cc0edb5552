using System.Text.Json.Serialization;

namespace Squad.Linear;

/// <summary>
/// The <c>data</c> of every operation Squad sends: each operation fills the root fields it asked for, the rest stay
/// null. One shape keeps the source-generated context small.
/// </summary>
internal sealed record LinearData
{
    public MilestoneNode? ProjectMilestone { get; init; }

    public ProjectNode? Project { get; init; }

    public IssueNode? Issue { get; init; }

    public Connection<StateNode>? WorkflowStates { get; init; }

    public Connection<LabelNode>? IssueLabels { get; init; }

    public MutationPayload? IssueUpdate { get; init; }

    public MutationPayload? CommentCreate { get; init; }

    public MutationPayload? IssueLabelCreate { get; init; }

    public MutationPayload? IssueCreate { get; init; }

    public Connection<FiledIssueNode>? Issues { get; init; }

    [JsonPropertyName("attachmentLinkURL")]
    public MutationPayload? AttachmentLinkUrl { get; init; }
}
