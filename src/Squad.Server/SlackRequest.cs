namespace Squad.Server;

/// <summary>The fields of a slash command request that Squad uses (the deprecated <c>token</c> field is ignored).</summary>
internal sealed record SlackRequest
{
    public required string UserId { get; init; }

    public required string ChannelId { get; init; }

    public required string Text { get; init; }

    public Uri? ResponseUrl { get; init; }
}
