using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Squad.Core.Sandbox;
using Squad.Sandbox;

namespace Squad.Benchmark;

/// <summary>
/// <c>squad-benchmark sandbox</c>: runs tiny commands many times through the bubblewrap and the host sandbox, so the
/// figure is the sandbox's own cost (namespaces, mounts, cgroup, prologue), not the command's.
/// </summary>
internal static class SandboxBenchmark
{
    private const double OverheadGoalMs = 50;
    private static readonly string[] Commands = ["true", "sh -c 'echo x'"];

    public static async Task<int> RunAsync(IAnsiConsole console, int runs, string path, CancellationToken cancellationToken)
    {
        var detection = SandboxDetector.Detect();
        if (detection.Sandbox is not { } bubblewrap)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(detection.Reason ?? "no sandbox")}");
            return 1;
        }

        var host = new HostSandbox();
        var workTree = Directory.CreateTempSubdirectory("squad-sandbox-benchmark-").FullName;
        try
        {
            var figures = new List<SandboxCommandFigures>();
            foreach (var command in Commands)
            {
                // One warm-up each: the first run pays for loading bwrap and the shell from disk.
                var sandboxed = await TimeAsync(bubblewrap, command, workTree, runs + 1, cancellationToken);
                var direct = await TimeAsync(host, command, workTree, runs + 1, cancellationToken);
                figures.Add(new SandboxCommandFigures
                {
                    Command = command,
                    BubblewrapMs = Stat.Of(sandboxed.Skip(1), 2),
                    HostMs = Stat.Of(direct.Skip(1), 2),
                    OverheadMs = Math.Round(Stat.MedianOf(sandboxed.Skip(1)) - Stat.MedianOf(direct.Skip(1)), 2),
                });
            }

            var report = new SandboxBenchmarkReport
            {
                Date = DateTimeOffset.UtcNow.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                Cores = Environment.ProcessorCount,
                Runs = runs,
                Bubblewrap = bubblewrap.Info.Kind,
                Limits = bubblewrap.Info.Description,
                Commands = figures,
                OverheadGoalMs = OverheadGoalMs,
            };
            Render(console, report);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, BenchmarkJsonContext.Default.SandboxBenchmarkReport), cancellationToken);
            console.MarkupLine($"written to {Markup.Escape(path)}");
            return figures.All(figure => figure.OverheadMs < OverheadGoalMs) ? 0 : 2;
        }
        finally
        {
            Directory.Delete(workTree, recursive: true);
        }
    }

    private static async Task<List<double>> TimeAsync(ISandbox sandbox, string commandLine, string workTree, int runs, CancellationToken cancellationToken)
    {
        var command = new SandboxCommand
        {
            CommandLine = commandLine,
            WorkingDirectory = workTree,
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
            Timeout = TimeSpan.FromSeconds(30),
        };
        var samples = new List<double>(runs);
        for (var run = 0; run < runs; run++)
        {
            var started = Stopwatch.GetTimestamp();
            var result = await sandbox.RunAsync(command, cancellationToken);
            samples.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"'{commandLine}' failed in {sandbox.Info.Kind}: exit {result.ExitCode} {result.LimitReason} {result.Output}");
            }
        }

        return samples;
    }

    private static void Render(IAnsiConsole console, SandboxBenchmarkReport report)
    {
        console.MarkupLine($"[bold]Sandbox benchmark[/] {report.Date} · {report.Cores} cores · {Markup.Escape(report.Bubblewrap)} · {report.Runs} runs a command");
        console.MarkupLine(Markup.Escape(report.Limits));
        var table = new Table().Title("Wall time of one command, ms (median, min, max)")
            .AddColumns("command", "bubblewrap", "host", "overhead (median)", $"goal < {ReportTable.F(report.OverheadGoalMs)}");
        foreach (var figure in report.Commands)
        {
            table.AddRow(
                Markup.Escape(figure.Command),
                Markup.Escape(Triple(figure.BubblewrapMs)),
                Markup.Escape(Triple(figure.HostMs)),
                ReportTable.F(figure.OverheadMs),
                figure.OverheadMs < report.OverheadGoalMs ? "[green]met[/]" : "[red]missed[/]");
        }

        console.Write(table);
    }

    private static string Triple(Stat stat) => $"{ReportTable.F(stat.Median)} ({ReportTable.F(stat.Min)}–{ReportTable.F(stat.Max)})";
}
