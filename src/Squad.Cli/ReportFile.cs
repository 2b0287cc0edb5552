using Squad.Core;
using Squad.Server.Dashboard;
using Squad.Storage;

namespace Squad.Cli;

/// <summary>
/// <c>squad report [RUN] [--output FILE]</c>: the dashboard of one run as one HTML file with its data inside. The file is
/// written aside and renamed into place, so a failure leaves no half-written report.
/// </summary>
internal static class ReportFile
{
    public static async Task<int> WriteAsync(string? dataDirectory, string? runId, string? outputFile, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(dataDirectory ?? CliHost.DefaultDataDirectory());
        var database = Path.Combine(folder, "squad.db");
        if (!File.Exists(database))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"no Squad data in {folder}: pass the --data-dir of your runs, or start one with 'squad run' or 'squad demo'");
        }

        using var store = new SqliteRunStore(database, TimeProvider.System);
        using var audit = new SqliteAuditLog(database, TimeProvider.System);
        var id = runId ?? ((await store.ListRunsAsync(1, cancellationToken)) is [var latest, ..] ? latest.Id : null)
            ?? throw new SquadException(SquadErrorCode.InvalidInput, $"no runs in {folder}: start one with 'squad run' or 'squad demo'");
        var target = Path.GetFullPath(outputFile ?? $"squad-report-{id}.html");
        if (Path.GetDirectoryName(target) is { } parent && !Directory.Exists(parent))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"--output {target}: the folder {parent} does not exist; create it or choose another file");
        }

        var page = await DashboardReport.RenderAsync(store, audit, Path.Combine(folder, "STOP-MERGES"), id, TimeProvider.System, cancellationToken)
            ?? throw new SquadException(SquadErrorCode.InvalidInput, $"run '{id}' is not in {folder}: 'squad status' shows the latest run");
        var temporary = target + ".tmp";
        await File.WriteAllTextAsync(temporary, page, cancellationToken);
        File.Move(temporary, target, overwrite: true);
        await output.WriteLineAsync($"wrote {target}: the report of run {id}, one HTML file that opens offline");
        return 0;
    }
}
