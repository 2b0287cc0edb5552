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
        var root = new RootCommand("Squad's benchmark: orchestration cost against raw git and ideal parallelism, on a generated repository.") { quick, output, SandboxCommand() };
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
