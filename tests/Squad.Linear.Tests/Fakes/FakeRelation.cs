namespace Squad.Linear.Tests.Fakes;

/// <summary><see cref="IssueId"/> <see cref="Type"/>s (blocks) <see cref="RelatedIssueId"/>.</summary>
public sealed record FakeRelation(string IssueId, string RelatedIssueId, string Type);
