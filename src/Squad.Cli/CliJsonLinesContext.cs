using System.Text.Json.Serialization;

namespace Squad.Cli;

/// <summary>Compact JSON, one record per line, for <c>squad audit --jsonl</c>.</summary>
[JsonSourceGenerationOptions(WriteIndented = false, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModelCallDto))]
[JsonSerializable(typeof(ToolCallDto))]
internal sealed partial class CliJsonLinesContext : JsonSerializerContext;
