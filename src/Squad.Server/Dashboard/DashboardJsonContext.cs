using System.Text.Json;
using System.Text.Json.Serialization;

namespace Squad.Server.Dashboard;

/// <summary>
/// The dashboard's JSON. The default encoder escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes, so the same text
/// embeds in a report's <c>&lt;script type="application/json"&gt;</c> without a title ever closing that element.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(DashboardSnapshot))]
[JsonSerializable(typeof(DashboardRun))]
[JsonSerializable(typeof(DashboardAudit))]
[JsonSerializable(typeof(DashboardError))]
[JsonSerializable(typeof(KillSwitchRequest))]
[JsonSerializable(typeof(KillSwitchState))]
internal sealed partial class DashboardJsonContext : JsonSerializerContext;
