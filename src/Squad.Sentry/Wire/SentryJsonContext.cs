using System.Text.Json.Serialization;

namespace Squad.Sentry.Wire;

/// <summary>Sentry's API names its fields in camelCase.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(SentryEventWire))]
[JsonSerializable(typeof(SentryExceptionDataWire))]
internal sealed partial class SentryJsonContext : JsonSerializerContext;
