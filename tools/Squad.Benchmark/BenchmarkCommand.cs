using System.CommandLine;
using Spectre.Console;
using Squad.Core;

namespace Squad.Benchmark;

/// <summary>The benchmark's command line: <c>[--quick] [--out FILE]</c>.</summary>
internal static class BenchmarkCommand
{
    public static async Task<int> InvokeAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var quick = new Option<bool>("--quick") { Description = "A smoke run of about a minute: one run of each size, half the model calls." };
        var output = new Option<string>("--out")
        {
            Description = "Where to write the figures as JSON.",
            DefaultValueFactory = _ => Path.Combine("artifacts", "benchmark.json"),
        };
        var root = new RootCommand("Squad's benchmark: orchestration cost against raw git and ideal parallelism, on a generated repository.") { quick, output, SandboxCommand(), SoakCommand(), ClusterCommand() };
        root.SetAction((parse, token) =>
        {
            var path = Path.GetFullPath(parse.GetRequiredValue(output));
            var settings = parse.GetValue(quick) ? BenchmarkSettings.QuickSmoke(path) : BenchmarkSettings.Full(path);
            return RunAsync(settings, token);
        });
        // Ctrl+C cancels the run; the squads stop and the temporary folder is deleted before the process ends.
        var configuration = new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(60) };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    private static Command SandboxCommand()
    {
        var runs = new Option<int>("--runs") { Description = "Runs of each command through each sandbox.", DefaultValueFactory = _ => 50 };
        var output = new Option<string>("--out")
        {
            Description = "Where to write the figures as JSON.",
            DefaultValueFactory = _ => Path.Combine("artifacts", "sandbox-benchmark.json"),
        };
        var command = new Command("sandbox", "The cost of the bubblewrap sandbox: tiny commands through it and straight on the host.") { runs, output };
        command.SetAction((parse, token) =>
            SandboxBenchmark.RunAsync(CreateConsole(), parse.GetValue(runs), Path.GetFullPath(parse.GetRequiredValue(output)), token));
        return command;
    }

    private static Command SoakCommand()
    {
        var trials = new Option<int>("--trials") { Description = "Kill-and-rerun trials.", DefaultValueFactory = _ => 30 };
        var seed = new Option<int?>("--seed") { Description = "Seed of the kill times (a random one, printed, without it)." };
        var minutes = new Option<double?>("--minutes") { Description = "Time box: no trial starts after this many minutes." };
        var squad = new Option<string?>("--squad") { Description = "The built CLI (default: src/Squad.Cli/bin/Release/net10.0/squad.dll of this checkout)." };
        var output = new Option<string>("--out")
        {
            Description = "Where to write the figures as JSON.",
            DefaultValueFactory = _ => Path.Combine("artifacts", "soak.json"),
        };
        var command = new Command("soak", "Crash soak: kill -9 a squad run at a random moment, rerun it once, check the rerun healed.") { trials, seed, minutes, squad, output };
        command.SetAction((parse, token) =>
        {
            var console = CreateConsole();
            var dll = parse.GetValue(squad) ?? DefaultSquadDll();
            if (dll is null || !File.Exists(dll))
            {
                console.MarkupLine("[red]error:[/] no built squad CLI: run `dotnet build -c Release src/Squad.Cli` first, or pass --squad");
                return Task.FromResult(2);
            }

            var chosen = parse.GetValue(seed) ?? Random.Shared.Next();
            return new SoakRunner(console, Path.GetFullPath(dll), parse.GetValue(trials), chosen,
                parse.GetValue(minutes) is { } box ? TimeSpan.FromMinutes(box) : null, Path.GetFullPath(parse.GetRequiredValue(output))).RunAsync(token);
        });
        return command;
    }

    private static Command ClusterCommand()
    {
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL server the benchmark may create databases on (default: SQUAD_TEST_POSTGRES)." };
        var issues = new Option<int>("--issues") { Description = "Issues in the scripted milestone.", DefaultValueFactory = _ => 6 };
        var latency = new Option<int>("--latency-ms") { Description = "Scripted model latency per response.", DefaultValueFactory = _ => 1000 };
        var squad = new Option<string?>("--squad") { Description = "The built CLI (default: src/Squad.Cli/bin/Release/net10.0/squad.dll of this checkout)." };
        var output = new Option<string>("--out") { Description = "Where to write the figures as JSON.", DefaultValueFactory = _ => Path.Combine("artifacts", "cluster-benchmark.json") };
        var command = new Command("cluster", "The cluster on one machine: makespan and throughput on 1, 2 and 3 workers, and the failover time after a SIGKILL.") { postgres, issues, latency, squad, output };
        command.SetAction((parse, token) =>
        {
            var console = CreateConsole();
            var dll = parse.GetValue(squad) ?? DefaultSquadDll();
            var server = parse.GetValue(postgres) ?? Environment.GetEnvironmentVariable("SQUAD_TEST_POSTGRES");
            if (dll is null || !File.Exists(dll) || server is null)
            {
                console.MarkupLine("[red]error:[/] needs a built squad CLI (`dotnet build -c Release src/Squad.Cli`, or --squad) and a PostgreSQL server (--postgres or SQUAD_TEST_POSTGRES)");
                return Task.FromResult(2);
            }

            var notes = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(dll))))))!, "tests", "Squad.Cli.Tests", "Fixtures", "notes", "repo");
            return new ClusterBenchmark(console, Path.GetFullPath(dll), server, notes, parse.GetValue(issues), parse.GetValue(latency))
                .RunAsync(Path.GetFullPath(parse.GetRequiredValue(output)), token);
        });
        return command;
    }

    /// <summary>The Release build of the CLI in the checkout the benchmark runs from.</summary>
    private static string? DefaultSquadDll()
    {
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Squad.sln")))
            {
                return Path.Combine(folder.FullName, "src", "Squad.Cli", "bin", "Release", "net10.0", "squad.dll");
            }
        }

        return null;
    }

    private static async Task<int> RunAsync(BenchmarkSettings settings, CancellationToken cancellationToken)
    {
        var console = CreateConsole();
        try
        {
            await new BenchmarkRunner(settings, console).RunAsync(cancellationToken);
            return 0;
        }
        catch (SquadException ex)
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(ex.Message)}");
            return 1;
        }
        catch (OperationCanceledException)
        {
            console.MarkupLine("[yellow]stopped[/]: the temporary repository was deleted; nothing was written");
            return 130;
        }
    }

    private static IAnsiConsole CreateConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
        if (Console.IsOutputRedirected)
        {
            // Logs have no width; the default 80 columns would fold the table.
            console.Profile.Width = 160;
        }

        return console;
    }
}
