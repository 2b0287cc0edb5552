using System.Text.Json;
using Spectre.Console;
using Squad.Core;
using Squad.Core.Git;
using Squad.Core.Orchestration;
using Squad.Sandbox;

namespace Squad.Cli;

/// <summary><c>squad doctor</c>: what this machine gives Squad: the sandbox and what it allows, git, the data directory.</summary>
internal static class Doctor
{
    /// <param name="console">Where the table goes.</param>
    /// <param name="json">Where the JSON document goes instead, with <c>--json</c>.</param>
    /// <param name="dataDirectory">The data directory to report.</param>
    /// <param name="cancellationToken">Stops the git probe.</param>
    public static async Task<int> RunAsync(IAnsiConsole console, TextWriter? json, string dataDirectory, CancellationToken cancellationToken)
    {
        var detection = SandboxDetector.Detect();
        var git = await new GitCli().TryRunAsync(Environment.CurrentDirectory, ["--version"], cancellationToken: cancellationToken);
        List<DoctorCheck> checks =
        [
            detection.Sandbox is { } sandbox
                ? new DoctorCheck { Check = "sandbox", Status = "ok", Detail = $"{sandbox.Info.Kind}: {sandbox.Info.Description}" }
                : new DoctorCheck { Check = "sandbox", Status = "missing", Detail = detection.Reason ?? "unknown" },
            new DoctorCheck { Check = "git", Status = git.Succeeded ? "ok" : "missing", Detail = git.Succeeded ? git.StandardOutput.Trim() : git.StandardError.Trim() },
            new DoctorCheck { Check = "git hardening", Status = "on", Detail = "hooks, fsmonitor, pagers, editors, credential helpers off for Squad's own git; clone config scrubbed" },
            new DoctorCheck { Check = "network for agents", Status = "off", Detail = "agent-phase commands get a loopback of their own; only .squad.yml 'setup' commands reach the network, on base-branch content" },
            new DoctorCheck { Check = "data directory", Status = "", Detail = dataDirectory },
            new DoctorCheck { Check = "work trees", Status = "", Detail = WorktreeMemory.Describe(Environment.GetEnvironmentVariable(WorktreeMemory.Setting)) },
        ];
        var exitCode = detection.Sandbox is null ? (int)SquadErrorCode.SandboxUnavailable : 0;
        if (json is not null)
        {
            await json.WriteLineAsync(JsonSerializer.Serialize(new DoctorDocument { Version = SquadVersion.Text, Checks = checks, ExitCode = exitCode }, CliJsonContext.Default.DoctorDocument));
            return exitCode;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("check").AddColumn("status").AddColumn("detail");
        foreach (var check in checks)
        {
            var color = check.Status switch { "ok" or "on" or "off" => "green", "missing" => "red", _ => null };
            table.AddRow(Markup.Escape(check.Check), color is null ? Markup.Escape(check.Status) : $"[{color}]{check.Status}[/]", Markup.Escape(check.Detail));
        }

        console.Write(table);
        return exitCode;
    }
}
