using System.CommandLine;
using Spectre.Console;
using Squad.Cli.Observability;
using Squad.Core;
using Squad.Core.Security;

namespace Squad.Cli;

/// <summary>The <c>squad</c> command line: run, demo, status.</summary>
internal static class SquadCli
{
    public static async Task<int> InvokeAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var console = CreateConsole(output);
        var errorConsole = CreateConsole(error);
        var commands = new SquadCommands(console, errorConsole, output, error);
        var root = commands.Build();
        var logFormat = new Option<string>("--log-format") { Description = "Log lines on standard error: text, or json (one CLEF object per line).", DefaultValueFactory = _ => "text", Recursive = true };
        var logLevel = new Option<string>("--log-level") { Description = "The least severe log events written: trace, debug, information, warning (default) or error.", DefaultValueFactory = _ => "warning", Recursive = true };
        root.Options.Add(logFormat);
        root.Options.Add(logLevel);
        var parse = root.Parse(args);
        IDisposable logging;
        try
        {
            logging = CliLogging.Begin(parse.GetValue(logFormat) ?? "text", parse.GetValue(logLevel) ?? "warning", error, SecretRedactor.FromEnvironment());
        }
        catch (SquadException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return (int)ex.Code;
        }

        using (logging)
        using (CliTelemetry.FromEnvironment(Environment.GetEnvironmentVariable))
        {
            var configuration = new InvocationConfiguration { Output = output, Error = error };
            var code = await parse.InvokeAsync(configuration, cancellationToken);

            // A run's spare trees are deleted after its summary, at the lowest priority; the process ends after them.
            await Squad.Core.Orchestration.TreeDeletions.WaitAsync();
            return code;
        }
    }

    private static IAnsiConsole CreateConsole(TextWriter writer)
    {
        var isTerminal = ReferenceEquals(writer, Console.Out) ? !Console.IsOutputRedirected
            : ReferenceEquals(writer, Console.Error) && !Console.IsErrorRedirected;
        var console = AnsiConsole.Create(ConsoleSettings(writer, isTerminal, Environment.GetEnvironmentVariable("NO_COLOR")));
        if (!isTerminal)
        {
            // Logs and pipes have no width; wrapping at 80 columns would break progress lines apart.
            console.Profile.Width = 160;
        }

        return console;
    }

    /// <summary>
    /// Colour and live rendering only on a terminal; <c>NO_COLOR</c> (https://no-color.org: set and not empty) turns
    /// colour off there too, while the live view still redraws in place.
    /// </summary>
    internal static AnsiConsoleSettings ConsoleSettings(TextWriter writer, bool isTerminal, string? noColor) => new()
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
        ColorSystem = isTerminal && string.IsNullOrEmpty(noColor) ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
        Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
    };
}
