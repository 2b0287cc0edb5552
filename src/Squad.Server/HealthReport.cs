using System.Text.Json.Serialization;

namespace Squad.Server;

/// <summary>The body of <c>GET /healthz</c>.</summary>
internal sealed record HealthReport
{
    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("version")]
    public required string Version { get; init; }
}
