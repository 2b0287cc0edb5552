namespace Squad.Linear;

/// <summary>A comment on an issue; Squad reads only its Markdown body, to find the marker of a comment it made.</summary>
internal sealed record CommentNode
{
    public required string Body { get; init; }
}
