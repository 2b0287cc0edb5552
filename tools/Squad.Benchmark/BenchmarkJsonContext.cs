using System.Text.Json.Serialization;

namespace Squad.Benchmark;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BenchmarkReport))]
[JsonSerializable(typeof(SandboxBenchmarkReport))]
[JsonSerializable(typeof(SoakReport))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
