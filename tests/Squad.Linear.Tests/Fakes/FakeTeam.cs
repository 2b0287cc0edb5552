namespace Squad.Linear.Tests.Fakes;

public sealed record FakeTeam(string Id, string Key);
