using System.Text.Json;
using Squad.Core.Audit;
using Squad.Core.Orchestration;

namespace Squad.Cli;

/// <summary>Builds the audit document of a run from the audit log.</summary>
internal static class AuditBuilder
{
    public static async Task<AuditDocument> BuildAsync(RunRecord run, IAuditLog audit, CancellationToken cancellationToken)
    {
        var modelCalls = await audit.ListModelCallsAsync(run.Id, cancellationToken);
        var toolCalls = await audit.ListToolCallsAsync(run.Id, cancellationToken);
        var summary = await audit.SummarizeRunAsync(run.Id, cancellationToken);
        return new AuditDocument
        {
            Run = StatusBuilder.RunOf(run),
            Usage = UsageDto.From(summary.Total),
            ModelCalls = [.. modelCalls.Select(ModelCall)],
            ToolCalls = [.. toolCalls.Select(ToolCall)],
        };
    }

    /// <summary>Every call as one compact JSON line, in the order they happened.</summary>
    public static IEnumerable<string> JsonLines(AuditDocument document)
        => document.ModelCalls.Select(c => (c.At, Line: JsonSerializer.Serialize(c, CliJsonLinesContext.Default.ModelCallDto)))
            .Concat(document.ToolCalls.Select(c => (c.At, Line: JsonSerializer.Serialize(c, CliJsonLinesContext.Default.ToolCallDto))))
            .OrderBy(l => l.At)
            .Select(l => l.Line);

    private static ModelCallDto ModelCall(ModelCallRecord call) => new()
    {
        At = call.At,
        RunId = call.RunId,
        Issue = call.IssueIdentifier,
        Role = call.Role,
        Pass = call.Pass,
        Provider = call.Provider,
        Model = call.ModelId,
        RequestSha256 = call.RequestSha256,
        ResponseSha256 = call.ResponseSha256,
        InputTokens = call.InputTokens,
        OutputTokens = call.OutputTokens,
        CostUsd = call.CostUsd,
        LatencyMs = Math.Round(call.Latency.TotalMilliseconds, 3),
    };

    private static ToolCallDto ToolCall(ToolCallRecord call)
    {
        using var arguments = JsonDocument.Parse(call.Arguments);
        return new ToolCallDto
        {
            At = call.At,
            RunId = call.RunId,
            Issue = call.IssueIdentifier,
            Role = call.Role,
            Pass = call.Pass,
            Tool = call.Tool,
            Arguments = arguments.RootElement.Clone(),
            Status = call.Status.ToString().ToLowerInvariant(),
            ExitCode = call.ExitCode,
            DurationMs = Math.Round(call.Duration.TotalMilliseconds, 3),
        };
    }
}
