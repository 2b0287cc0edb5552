namespace Squad.Linear.Tests.Fakes;

/// <summary>An issue label; a null team makes it a workspace label.</summary>
public sealed record FakeLabel(string Id, string Name, string? TeamId);
