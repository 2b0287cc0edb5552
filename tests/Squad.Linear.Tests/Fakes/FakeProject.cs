namespace Squad.Linear.Tests.Fakes;

public sealed record FakeProject(string Id, string SlugId, string Name);
