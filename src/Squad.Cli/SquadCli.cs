using System.CommandLine;
using Spectre.Console;

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
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
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
