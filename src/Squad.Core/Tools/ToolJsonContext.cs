using System.Text.Json.Serialization;

namespace Squad.Core.Tools;

[JsonSerializable(typeof(Dictionary<string, string?>))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(List<string>))]
internal sealed partial class ToolJsonContext : JsonSerializerContext;
