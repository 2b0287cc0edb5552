namespace Squad.Linear.Tests.Fakes;

public sealed record FakeComment(string IssueId, string Body);
