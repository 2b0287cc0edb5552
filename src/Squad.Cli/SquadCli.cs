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
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = isTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = isTerminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = isTerminal ? InteractionSupport.Detect : InteractionSupport.No,
        });
        if (!isTerminal)
        {
            // Logs and pipes have no width; wrapping at 80 columns would break progress lines apart.
            console.Profile.Width = 160;
        }

        return console;
    }
}
