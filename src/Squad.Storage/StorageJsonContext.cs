using System.Text.Json.Serialization;

namespace Squad.Storage;

/// <summary>The JSON the store writes into text columns (a squad's passes and effects).</summary>
[JsonSerializable(typeof(IReadOnlyDictionary<string, int>))]
[JsonSerializable(typeof(Dictionary<string, int>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(List<string>))]
[JsonSerializable(typeof(Squad.Core.Verification.PostMergeRecord))]
internal sealed partial class StorageJsonContext : JsonSerializerContext;
