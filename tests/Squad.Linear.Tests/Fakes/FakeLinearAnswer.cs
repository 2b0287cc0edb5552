namespace Squad.Linear.Tests.Fakes;

/// <summary>What the fake sends back: status, headers and a JSON body.</summary>
public sealed record FakeLinearAnswer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null);
