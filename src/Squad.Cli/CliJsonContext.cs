using System.Text.Json.Serialization;

namespace Squad.Cli;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(StatusDocument))]
[JsonSerializable(typeof(AuditDocument))]
[JsonSerializable(typeof(List<RunDto>))]
[JsonSerializable(typeof(SweepsDocument))]
[JsonSerializable(typeof(DoctorDocument))]
[JsonSerializable(typeof(RevertDocument))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
