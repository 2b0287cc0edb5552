using System.Text.Json.Serialization;

namespace Squad.GitHub.Wire;

internal sealed record GraphQLErrorDto
{
    [JsonPropertyName("type")]
    public string? Type { get; init; }

    [JsonPropertyName("message")]
    public required string Message { get; init; }
}
