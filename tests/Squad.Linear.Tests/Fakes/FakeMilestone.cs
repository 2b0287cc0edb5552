namespace Squad.Linear.Tests.Fakes;

public sealed record FakeMilestone(string Id, string ProjectId, string Name);
