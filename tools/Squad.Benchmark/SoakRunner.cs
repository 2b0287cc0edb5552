using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Squad.Core;
using Squad.Core.Git;

namespace Squad.Benchmark;

/// <summary>
/// The crash soak: a clean run of a small milestone measures how long a run takes; then each trial starts the built
/// <c>squad</c> CLI on a fresh copy, SIGKILLs it (and everything under it) at a random moment of that span, reruns it
/// once on the same data directory and checks the rerun healed (see <see cref="SoakInspector"/>). The figures are written
/// after every trial; with a time box, no trial starts after it.
/// </summary>
internal sealed class SoakRunner(IAnsiConsole console, string squadDll, int trials, int seed, TimeSpan? timeBox, string output)
{
    private const int Issues = 3;
    private readonly GitCli git = new();
    private readonly SquadProcess squad = new(squadDll);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "squad-soak-" + Guid.NewGuid().ToString("N")[..12]);
        try
        {
            var (clean, baseline) = await CleanRunAsync(Path.Combine(root, "clean"), cancellationToken);
            console.MarkupLine($"clean run: {clean.TotalMilliseconds:F0} ms; seed {seed}; {trials} trials");
            var random = new Random(seed);
            var inspector = new SoakInspector(git, Issues, baseline);
            var results = new List<SoakTrial>();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            for (var trial = 1; trial <= trials && (timeBox is null || clock.Elapsed < timeBox); trial++)
            {
                var killAfter = TimeSpan.FromMilliseconds(random.NextDouble() * clean.TotalMilliseconds);
                var result = await TrialAsync(Path.Combine(root, $"trial-{trial}"), trial, killAfter, inspector, cancellationToken);
                results.Add(result);
                var verdict = result.Healed ? "[green]healed[/]" : "[red]not healed[/]: " + Markup.Escape(string.Join("; ", result.Problems));
                var repeated = result.Repeated.Count == 0 ? "" : " [yellow]repeated[/]: " + Markup.Escape(string.Join("; ", result.Repeated));
                console.MarkupLine($"trial {trial}: kill at {result.KillAfterMs:F0} ms{(result.Killed ? "" : " (after the run ended)")}, rerun {result.RerunMs:F0} ms: {verdict}{repeated}");
                await WriteAsync(clean, results, cancellationToken);
            }

            console.MarkupLine($"JSON: {Markup.Escape(output)}");
            return 0;
        }
        catch (SquadException ex)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private async Task<(TimeSpan Elapsed, SoakBaseline Baseline)> CleanRunAsync(string folder, CancellationToken cancellationToken)
    {
        var milestone = SoakMilestone.Write(folder, Issues);
        var data = Path.Combine(folder, "data");
        var run = await squad.RunAsync(milestone, data, null, cancellationToken);
        if (run.ExitCode != 0)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"the clean run exited {run.ExitCode}, so there is nothing to heal towards: {run.Error.Trim().Split('\n')[^1]}");
        }

        return (run.Elapsed, await SoakInspector.BaselineAsync(git, data, cancellationToken));
    }

    private async Task<SoakTrial> TrialAsync(string folder, int trial, TimeSpan killAfter, SoakInspector inspector, CancellationToken cancellationToken)
    {
        var milestone = SoakMilestone.Write(folder, Issues);
        var data = Path.Combine(folder, "data");
        var first = await squad.RunAsync(milestone, data, killAfter, cancellationToken);
        var rerun = await squad.RunAsync(milestone, data, null, cancellationToken);
        List<string> problems, repeated;
        try
        {
            (problems, repeated) = await inspector.InspectAsync(data, rerun, cancellationToken);
        }
        catch (Exception ex) when (ex is SquadException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            (problems, repeated) = ([$"the data directory could not be read after the rerun ({ex.Message}); the rerun exited {rerun.ExitCode}: {rerun.Error.Trim().Split('\n')[^1]}"], []);
        }

        if (problems.Count > 0)
        {
            // Kept for whoever reads the failure: the data directory as the rerun left it.
            var kept = Path.Combine(Path.GetDirectoryName(output)!, "soak-failures", $"trial-{trial}");
            FileTree.Copy(folder, kept);
        }

        Directory.Delete(folder, recursive: true);
        return new SoakTrial
        {
            Trial = trial,
            KillAfterMs = Math.Round(killAfter.TotalMilliseconds),
            Killed = first.Killed,
            RerunMs = Math.Round(rerun.Elapsed.TotalMilliseconds),
            Healed = problems.Count == 0,
            Problems = problems,
            Repeated = repeated,
        };
    }

    private async Task WriteAsync(TimeSpan clean, List<SoakTrial> results, CancellationToken cancellationToken)
    {
        var report = new SoakReport
        {
            Date = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            Cores = Environment.ProcessorCount,
            Seed = seed,
            Issues = Issues,
            CleanRunMs = Math.Round(clean.TotalMilliseconds),
            Trials = results.Count,
            Killed = results.Count(r => r.Killed),
            HealedOnFirstRerun = results.Count(r => r.Healed),
            WithRepeatedEffects = results.Count(r => r.Repeated.Count > 0),
            Results = results,
        };
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, JsonSerializer.Serialize(report, BenchmarkJsonContext.Default.SoakReport), cancellationToken);
        console.MarkupLine($"  so far {report.HealedOnFirstRerun} of {report.Trials} trials healed on the first rerun ({report.Killed} killed mid-run); "
            + $"{report.WithRepeatedEffects} with repeated effects at the forge");
    }
}
