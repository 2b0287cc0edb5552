using System.Text.Json.Nodes;

namespace Squad.Linear;

/// <summary>The body of a GraphQL POST.</summary>
internal sealed record GraphQLRequest
{
    public required string Query { get; init; }

    public required JsonObject Variables { get; init; }
}
