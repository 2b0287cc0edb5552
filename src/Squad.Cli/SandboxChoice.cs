using Spectre.Console;
using Squad.Core;
using Squad.Core.Sandbox;
using Squad.Sandbox;

namespace Squad.Cli;

/// <summary>The sandbox of a command that runs squads: bubblewrap, or the host only when the user says <c>--no-sandbox</c>.</summary>
internal static class SandboxChoice
{
    /// <exception cref="SquadException">No sandbox is available and the user did not pass <c>--no-sandbox</c>.</exception>
    public static ISandbox Resolve(bool noSandbox)
    {
        if (noSandbox)
        {
            return new HostSandbox();
        }

        var detection = SandboxDetector.Detect();
        return detection.Sandbox ?? throw new SquadException(SquadErrorCode.SandboxUnavailable,
            $"no sandbox for agent code: {detection.Reason}");
    }

    /// <summary>The first line of every run: what the sandbox is, loudly when there is none.</summary>
    public static string Markup(SandboxInfo info) => info.Contained
        ? $"[grey]Sandbox: {Spectre.Console.Markup.Escape(info.Kind)}: {Spectre.Console.Markup.Escape(info.Description)}[/]"
        : "[bold red]NO SANDBOX (--no-sandbox): agent code runs on this machine as you, with your files and network.[/]";
}
