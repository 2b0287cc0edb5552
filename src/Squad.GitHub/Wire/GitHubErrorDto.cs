using System.Text.Json;

namespace Squad.GitHub.Wire;

/// <summary>GitHub's error body: a message and, for 422, details that are objects or plain strings.</summary>
internal sealed record GitHubErrorDto
{
    public string? Message { get; init; }

    public IReadOnlyList<JsonElement>? Errors { get; init; }
}
