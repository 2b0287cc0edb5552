using System.Text.Json.Serialization;

namespace Squad.Benchmark;

[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BenchmarkReport))]
[JsonSerializable(typeof(SandboxBenchmarkReport))]
internal sealed partial class BenchmarkJsonContext : JsonSerializerContext;
