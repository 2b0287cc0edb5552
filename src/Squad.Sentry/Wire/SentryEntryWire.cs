using System.Text.Json;

namespace Squad.Sentry.Wire;

/// <summary>One entry of an event: its type (<c>exception</c>, <c>breadcrumbs</c>, <c>request</c>...) and data.</summary>
internal sealed record SentryEntryWire
{
    public string? Type { get; init; }

    public JsonElement Data { get; init; }
}
