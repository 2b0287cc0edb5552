namespace Squad.Linear;

/// <summary>The part of every mutation payload Squad reads; <c>issueLabel</c> only for label creation, <c>issue</c> for issue creation.</summary>
internal sealed record MutationPayload
{
    public bool Success { get; init; }

    public LabelNode? IssueLabel { get; init; }

    public FiledIssueNode? Issue { get; init; }
}
