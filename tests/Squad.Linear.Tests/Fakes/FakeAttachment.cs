namespace Squad.Linear.Tests.Fakes;

public sealed record FakeAttachment(string IssueId, string Url, string? Title);
