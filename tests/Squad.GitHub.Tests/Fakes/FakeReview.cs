namespace Squad.GitHub.Tests.Fakes;

public sealed record FakeReview
{
    public required long Id { get; init; }

    public required int Number { get; init; }

    public required string Login { get; init; }

    public required string State { get; init; }

    public required string Body { get; init; }

    public required string CommitId { get; init; }

    public required DateTimeOffset SubmittedAt { get; init; }
}
