using System.Text.Json.Nodes;

namespace Squad.Server.Tests;

/// <summary>The messages Slack sends over a Socket Mode connection, shaped as Slack shapes them.</summary>
internal static class SocketModeEnvelopes
{
    public const string Hello = """{"type":"hello","num_connections":1,"debug_info":{"host":"applink-1","build_number":1,"approximate_connection_time":18060},"connection_info":{"app_id":"A1"}}""";

    /// <summary>A <c>/squad {text}</c> envelope; its trigger id follows the envelope id unless given.</summary>
    public static string SlashCommand(string envelopeId, string text, string user = SlackHarness.AllowedUser, int retryAttempt = 0, string? triggerId = null)
        => new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["type"] = "slash_commands",
            ["accepts_response_payload"] = true,
            ["retry_attempt"] = retryAttempt,
            ["retry_reason"] = retryAttempt == 0 ? "" : "timeout",
            ["payload"] = new JsonObject
            {
                ["token"] = "deprecated",
                ["team_id"] = "T1",
                ["team_domain"] = "team",
                ["channel_id"] = "C0CHANNEL",
                ["channel_name"] = "general",
                ["user_id"] = user,
                ["user_name"] = "someone",
                ["command"] = "/squad",
                ["text"] = text,
                ["api_app_id"] = "A1",
                ["is_enterprise_install"] = "false",
                ["response_url"] = "http://127.0.0.1:9/commands/T1/1/x",
                ["trigger_id"] = triggerId ?? "trigger-" + envelopeId,
            },
        }.ToJsonString();

    public static string EventsApi(string envelopeId)
        => new JsonObject
        {
            ["envelope_id"] = envelopeId,
            ["type"] = "events_api",
            ["accepts_response_payload"] = false,
            ["retry_attempt"] = 0,
            ["retry_reason"] = "",
            ["payload"] = new JsonObject
            {
                ["type"] = "event_callback",
                ["event_id"] = "Ev1",
                ["event"] = new JsonObject { ["type"] = "app_mention", ["text"] = "<@U1> run ./milestone", ["user"] = SlackHarness.AllowedUser },
            },
        }.ToJsonString();

    public static string Disconnect(string reason = "refresh_requested")
        => new JsonObject { ["type"] = "disconnect", ["reason"] = reason, ["debug_info"] = new JsonObject { ["host"] = "applink-1" } }.ToJsonString();
}
