using System.Diagnostics;
using System.Diagnostics.Metrics;
using Squad.Core.Agents;

namespace Squad.Core.Telemetry;

/// <summary>
/// Squad's traces and metrics, on .NET's own <see cref="ActivitySource"/> and <see cref="Meter"/>: a span per squad,
/// per agent pass and per tool call, and counters of tool calls and squads; model calls are traced by Microsoft.Extensions.AI's
/// OpenTelemetry client under the same source name (GenAI semantic conventions, token usage). Nothing is recorded unless
/// a listener (the CLI's OpenTelemetry exporter) subscribes. No prompt, response, argument or output text is ever attached.
/// </summary>
public static class SquadTelemetry
{
    /// <summary>The activity source and meter name to subscribe to.</summary>
    public const string SourceName = "Squad";

    internal static readonly ActivitySource Source = new(SourceName, typeof(SquadTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(SourceName);
    private static readonly Counter<long> ToolCalls = Meter.CreateCounter<long>("squad.tool.calls", description: "Tool calls agents made, by tool, role and status.");
    private static readonly Histogram<double> ToolDuration = Meter.CreateHistogram<double>("squad.tool.duration", unit: "s", description: "How long tool calls took.");
    private static readonly Counter<long> Squads = Meter.CreateCounter<long>("squad.squads", description: "Squads that ended a run, by outcome.");

    /// <summary>The span of one squad's run, ended when disposed; null when nobody listens.</summary>
    internal static Activity? StartSquad(string issue, string milestone, string runId)
    {
        var activity = Source.StartActivity($"squad {issue}");
        activity?.SetTag("squad.issue", issue).SetTag("squad.milestone", milestone).SetTag("squad.run", runId);
        return activity;
    }

    /// <summary>The squad ended with <paramref name="outcome"/>: tagged on its span and counted.</summary>
    internal static void EndSquad(Activity? activity, string outcome)
    {
        activity?.SetTag("squad.outcome", outcome);
        Squads.Add(1, new KeyValuePair<string, object?>("squad.outcome", outcome));
    }

    /// <summary>The span of one agent pass; model calls and tool calls nest under it.</summary>
    internal static Activity? StartPass(AgentInvocation invocation)
    {
        var activity = Source.StartActivity($"agent {invocation.Role}");
        activity?.SetTag("squad.issue", invocation.IssueIdentifier).SetTag("squad.role", invocation.Role).SetTag("squad.pass", invocation.Pass);
        return activity;
    }

    /// <summary>A tool call that ended: a span covering it and its metrics, without its arguments or output.</summary>
    internal static void ToolCall(AgentInvocation invocation, AgentToolCall call)
    {
        var tags = new TagList { { "squad.tool", call.Name }, { "squad.role", invocation.Role }, { "squad.tool.status", call.Status.ToString() } };
        ToolCalls.Add(1, tags);
        ToolDuration.Record(call.Duration.TotalSeconds, tags);
        var end = DateTimeOffset.UtcNow;
        using var activity = Source.StartActivity($"tool {call.Name}", ActivityKind.Internal, parentContext: default, startTime: end - call.Duration);
        if (activity is null)
        {
            return;
        }

        activity.SetTag("squad.tool", call.Name).SetTag("squad.role", invocation.Role).SetTag("squad.tool.status", call.Status.ToString());
        if (call.ExitCode is { } exitCode)
        {
            activity.SetTag("squad.tool.exit_code", exitCode);
        }

        activity.SetEndTime(end.UtcDateTime);
    }
}
