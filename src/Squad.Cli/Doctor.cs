using Spectre.Console;
using Squad.Core;
using Squad.Core.Git;
using Squad.Sandbox;

namespace Squad.Cli;

/// <summary><c>squad doctor</c>: what this machine gives Squad: the sandbox and what it allows, git, the data directory.</summary>
internal static class Doctor
{
    public static async Task<int> RunAsync(IAnsiConsole console, string dataDirectory, CancellationToken cancellationToken)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("check").AddColumn("status").AddColumn("detail");
        var detection = SandboxDetector.Detect();
        if (detection.Sandbox is { } sandbox)
        {
            table.AddRow("sandbox", "[green]ok[/]", Markup.Escape($"{sandbox.Info.Kind}: {sandbox.Info.Description}"));
        }
        else
        {
            table.AddRow("sandbox", "[red]missing[/]", Markup.Escape(detection.Reason ?? "unknown"));
        }

        var git = await new GitCli().TryRunAsync(Environment.CurrentDirectory, ["--version"], cancellationToken: cancellationToken);
        table.AddRow("git", git.Succeeded ? "[green]ok[/]" : "[red]missing[/]", Markup.Escape(git.Succeeded ? git.StandardOutput.Trim() : git.StandardError.Trim()));
        table.AddRow("git hardening", "[green]on[/]", "hooks, fsmonitor, pagers, editors, credential helpers off for Squad's own git; clone config scrubbed");
        table.AddRow("network for agents", "[green]off[/]", "agent-phase commands get a loopback of their own; only .squad.yml 'setup' commands reach the network, on base-branch content");
        table.AddRow("data directory", "", Markup.Escape(dataDirectory));
        console.Write(table);
        return detection.Sandbox is null ? (int)SquadErrorCode.SandboxUnavailable : 0;
    }
}
