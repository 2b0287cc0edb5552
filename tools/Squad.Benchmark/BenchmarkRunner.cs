using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Squad.Core.Git;

namespace Squad.Benchmark;

/// <summary>
/// The benchmark's phases: generate and import the repository; one run of the largest milestone that
/// warms the runtime up and captures every prompt (its timings are discarded); the replay of one
/// squad's read-only tool calls; then the timed runs, sizes interleaved so that a slow spell of the
/// machine does not land on one size only, each run of the smallest size between raw
/// <c>git worktree add</c> samples; finally the table and the JSON.
/// </summary>
internal sealed class BenchmarkRunner(BenchmarkSettings settings, IAnsiConsole console)
{
    public async Task<BenchmarkReport> RunAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var load = ProcessStats.LoadAverage();
        using var workbench = new Workbench(settings);
        console.MarkupLine("Generating the synthetic repository and importing it into the local forge…");
        await workbench.PrepareAsync(cancellationToken);
        var repository = workbench.Repository;
        console.MarkupLine(Invariant($"  {repository.Files} files, {repository.Megabytes:0.0} MB, {repository.Commits} commits ({Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s)"));
        console.MarkupLine($"  the squads' work trees and copies: {Markup.Escape(workbench.WorktreesWhere)}");

        var largest = settings.IssueCounts.Max();
        console.MarkupLine(Invariant($"Warm-up run of {largest} issues, capturing the prompts…"));
        var warmUp = (await workbench.RunAsync("W", largest, capturePrompts: true, cancellationToken)).Calls;
        var roles = PromptAnalyzer.Analyze(warmUp);
        var tokens = TokenAnalyzer.Analyze(warmUp, TokenPrices.Illustrative);

        console.MarkupLine(Invariant($"Replaying one squad's read-only tool calls {settings.ToolReplays} time(s)…"));
        var tools = await workbench.MeasureReadToolsAsync(settings.ToolReplays, cancellationToken);

        var runs = await TimedRunsAsync(workbench, cancellationToken);
        var builder = new ReportBuilder(settings, repository)
        {
            Runs = runs,
            Roles = roles,
            Tokens = tokens,
            ReadTools = tools,
            LoadAverageAtStart = load,
            TreesWhere = workbench.WorktreesWhere,
            GitVersion = (await new GitCli().RunAsync(Path.GetTempPath(), ["--version"], cancellationToken: cancellationToken)).Trim(),
        };
        var report = builder.Build(TimeProvider.System.GetUtcNow(), Stopwatch.GetElapsedTime(started));
        ReportTable.Render(console, report);
        Directory.CreateDirectory(Path.GetDirectoryName(settings.OutputPath)!);
        await File.WriteAllTextAsync(settings.OutputPath, JsonSerializer.Serialize(report, BenchmarkJsonContext.Default.BenchmarkReport) + "\n", cancellationToken);
        console.MarkupLine($"Figures written to {Markup.Escape(settings.OutputPath)}");
        return report;
    }

    /// <remarks>
    /// The raw <c>git worktree add</c> on disk is timed after every run, in one block: each sample writes and deletes the
    /// repository's files beside the data directory, and for about a minute after a deletion ext4 searches past the
    /// deleted inodes at every file it creates there (its recently-deleted check), which slowed the git of the runs that
    /// followed (the clone's and the forge's objects are on that disk). The yardstick in memory (tmpfs has no such
    /// search) is still timed around each run it is compared with.
    /// </remarks>
    private async Task<List<RunSample>> TimedRunsAsync(Workbench workbench, CancellationToken cancellationToken)
    {
        var runs = new List<RunSample>();
        var total = settings.Runs * settings.IssueCounts.Count;
        var smallest = settings.IssueCounts.Min();
        for (var run = 1; run <= settings.Runs; run++)
        {
            foreach (var issues in settings.IssueCounts)
            {
                var inMemory = issues == smallest && workbench.TreesInMemory;
                var beforeInMemory = inMemory ? await workbench.MeasureWorktreeAddAsync(settings.WorktreeSamples, inMemory: true, cancellationToken) : [];
                var sample = await workbench.RunAsync(Invariant($"N{issues}R{run}"), issues, capturePrompts: false, cancellationToken);
                var afterInMemory = inMemory ? await workbench.MeasureWorktreeAddAsync(settings.WorktreeSamples, inMemory: true, cancellationToken) : [];
                // Timestamps are analysed already (set-up); dropping the calls keeps later runs' memory clean.
                runs.Add(sample with { Calls = [], WorktreeAddsInMemoryAround = [.. beforeInMemory, .. afterInMemory] });
                console.MarkupLine(Invariant(
                    $"  run {runs.Count}/{total}: {issues} issue(s), makespan {sample.Makespan.TotalSeconds:0.00} s, {sample.ModelCalls} model calls, CPU {sample.ProcessorTime.TotalSeconds:0.00} s"));
            }
        }

        // As many samples as before and after each compared run, all after the last run; every compared run is set against them.
        var compared = runs.Count(r => r.Issues == smallest);
        var onDisk = await workbench.MeasureWorktreeAddAsync(settings.WorktreeSamples * 2 * compared, cancellationToken: cancellationToken);
        return [.. runs.Select(r => r.Issues == smallest ? r with { WorktreeAddsAround = onDisk } : r)];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
