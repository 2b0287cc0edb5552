using System.Text.Json.Serialization;

namespace Squad.Sentry.Wire;

/// <summary>An event as Sentry's API returns it; only what a stack trace needs. Entries differ by type, so their data stays raw.</summary>
internal sealed record SentryEventWire
{
    [JsonPropertyName("eventID")]
    public string? EventId { get; init; }

    public string? Title { get; init; }

    public string? Platform { get; init; }

    public List<SentryEntryWire>? Entries { get; init; }
}
