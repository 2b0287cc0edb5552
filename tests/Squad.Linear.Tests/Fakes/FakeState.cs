namespace Squad.Linear.Tests.Fakes;

public sealed record FakeState(string Id, string TeamId, string Name, string Type, double Position);
