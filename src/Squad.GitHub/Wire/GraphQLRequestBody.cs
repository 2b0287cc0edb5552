using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

/// <summary>A GraphQL request to <c>POST /graphql</c>: the document and its variables (GraphQL names are camelCase).</summary>
internal sealed record GraphQLRequestBody
{
    [JsonPropertyName("query")]
    public required string Query { get; init; }

    [JsonPropertyName("variables")]
    public required GraphQLVariables Variables { get; init; }
}
