using System.Text.Json;
using Spectre.Console;
using Squad.Core;
using Squad.Core.Audit;
using Squad.Core.Orchestration;

namespace Squad.Cli;

/// <summary>What <c>squad audit</c> prints: tables, or JSON, and the JSON-lines export when asked.</summary>
internal static class AuditPrinter
{
    public static async Task PrintAsync(
        IAnsiConsole console, TextWriter output, IAuditLog audit, RunRecord run, bool asJson, string? jsonLinesFile, CancellationToken cancellationToken)
    {
        var document = await AuditBuilder.BuildAsync(run, audit, cancellationToken);
        if (jsonLinesFile is not null)
        {
            await WriteJsonLinesAsync(document, Path.GetFullPath(jsonLinesFile), cancellationToken);
        }

        if (asJson)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(document, CliJsonContext.Default.AuditDocument));
        }
        else
        {
            AuditRenderer.Render(console, document);
        }
    }

    private static async Task WriteJsonLinesAsync(AuditDocument document, string path, CancellationToken cancellationToken)
    {
        try
        {
            await File.WriteAllLinesAsync(path, AuditBuilder.JsonLines(document), cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"cannot write {path}: {ex.Message}");
        }
    }
}
