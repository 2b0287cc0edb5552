using System.Globalization;
using Spectre.Console;
using Squad.Core.Audit;

namespace Squad.Cli;

/// <summary>The audit trail of a run as two tables: model calls, then tool calls.</summary>
internal static class AuditRenderer
{
    public static void Render(IAnsiConsole console, AuditDocument document)
    {
        var run = document.Run;
        console.MarkupLine($"[bold]{Markup.Escape(run.Milestone)}[/] · run {Markup.Escape(run.Id)} · audit trail");
        var models = new Table().Border(TableBorder.Rounded).Title("Model calls")
            .AddColumns("Time", "Issue", "Role", "Pass", "Model", "Request", "Response")
            .AddColumns(Right("In"), Right("Out"), Right("Cost"), Right("Latency"));
        foreach (var call in document.ModelCalls)
        {
            models.AddRow(
                Time(call.At), Markup.Escape(call.Issue), Markup.Escape(call.Role), Count(call.Pass), Markup.Escape(call.Model),
                call.RequestSha256[..12], call.ResponseSha256[..12],
                Usage.FormatCount(call.InputTokens), Usage.FormatCount(call.OutputTokens), Usage.FormatUsd(call.CostUsd), Milliseconds(call.LatencyMs));
        }

        console.Write(models);
        var tools = new Table().Border(TableBorder.Rounded).Title("Tool calls")
            .AddColumns("Time", "Issue", "Role", "Pass", "Tool", "Status")
            .AddColumns(Right("Exit"), Right("Duration"));
        foreach (var call in document.ToolCalls)
        {
            tools.AddRow(
                Time(call.At), Markup.Escape(call.Issue), Markup.Escape(call.Role), Count(call.Pass), Markup.Escape(call.Tool),
                call.Status == "ok" ? "ok" : $"[yellow]{Markup.Escape(call.Status)}[/]",
                call.ExitCode is { } exit ? Count(exit) : "-", Milliseconds(call.DurationMs));
        }

        console.Write(tools);
        var usage = document.Usage;
        console.MarkupLine(Markup.Escape(
            $"{Usage.FormatCount(usage.Calls)} model calls · {Usage.FormatCount(usage.InputTokens)} tokens in · " +
            $"{Usage.FormatCount(usage.OutputTokens)} out · {Usage.FormatUsd(usage.CostUsd)} · {document.ToolCalls.Count} tool calls"));
    }

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Milliseconds(double milliseconds) => milliseconds >= 1000
        ? (milliseconds / 1000).ToString("0.0", CultureInfo.InvariantCulture) + " s"
        : milliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";
}
