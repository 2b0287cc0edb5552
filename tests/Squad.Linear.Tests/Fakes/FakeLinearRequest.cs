using System.Text.Json.Nodes;

namespace Squad.Linear.Tests.Fakes;

/// <summary>One request the fake received.</summary>
public sealed record FakeLinearRequest
{
    public required string OperationName { get; init; }

    public required string Query { get; init; }

    public required JsonObject Variables { get; init; }

    public required string? Authorization { get; init; }

    public required string Body { get; init; }
}
