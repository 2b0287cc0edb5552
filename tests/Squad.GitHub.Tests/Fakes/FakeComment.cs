namespace Squad.GitHub.Tests.Fakes;

public sealed record FakeComment
{
    public required long Id { get; init; }

    public required int Number { get; init; }

    public required string Login { get; init; }

    public required string Body { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}
