namespace Squad.Linear;

/// <summary>Linear's error extensions: a code such as <c>RATELIMITED</c>, a kind, and a message meant for people.</summary>
internal sealed record GraphQLErrorExtensions
{
    public string? Code { get; init; }

    public string? Type { get; init; }

    public string? UserPresentableMessage { get; init; }
}
