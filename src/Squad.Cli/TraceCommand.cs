using System.CommandLine;
using Squad.Core;

namespace Squad.Cli;

/// <summary><c>squad trace ISSUE</c>: an issue's recorded conversations, verified; or a scripted-model file replaying them.</summary>
internal static class TraceCommand
{
    public static Command Create(Option<string?> dataDir, Option<bool> json, TextWriter output, Func<Func<Task<int>>, Task<int>> guard)
    {
        var issue = new Argument<string>("issue") { Description = "The issue identifier (CHK-1, ENG-123)." };
        var run = new Option<string?>("--run") { Description = "The run (default: the latest run with model calls of the issue)." };
        var role = new Option<string?>("--role") { Description = "Only this role's passes (developer, qa, code-reviewer, qa-specialist, diagnostician)." };
        var pass = new Option<int?>("--pass") { Description = "Only pass N of each role (1 for its first)." };
        var script = new Option<string?>("--script") { Description = "Write a scripted-model file (YAML) replaying the recorded passes to FILE, instead of printing them." };
        var command = new Command("trace", "Show an issue's recorded agent conversations (prompts, answers, tool calls and results, redacted), each checked against the audit trail's hashes.")
        {
            issue, run, role, pass, script, dataDir, json,
        };
        command.SetAction((parse, cancellationToken) => guard(async () =>
        {
            if (parse.GetValue(pass) is < 1)
            {
                throw new SquadException(SquadErrorCode.InvalidInput, "--pass must be 1 or more: a role's first pass is 1");
            }

            using var host = CliHost.Open(parse.GetValue(dataDir));
            var id = parse.GetRequiredValue(issue);
            var (runId, passes) = await TraceReader.ReadAsync(host, id, parse.GetValue(run), parse.GetValue(role), parse.GetValue(pass), cancellationToken);
            if (parse.GetValue(script) is { } file)
            {
                var path = Path.GetFullPath(file);
                if (!Directory.Exists(Path.GetDirectoryName(path)))
                {
                    throw new SquadException(SquadErrorCode.InvalidInput, $"--script {file}: the folder {Path.GetDirectoryName(path)} does not exist; create it or write the file elsewhere");
                }

                var temporary = path + ".tmp";
                await File.WriteAllTextAsync(temporary, TraceScript.Build(id, runId, passes), cancellationToken);
                File.Move(temporary, path, overwrite: true);
                await output.WriteLineAsync($"wrote {path}: {passes.Count} pass(es) of {id} from run {runId}; replay with --model scripted:{path}");
                return 0;
            }

            await output.WriteAsync(parse.GetValue(json) ? TracePrinter.Json(id, runId, passes) : TracePrinter.Text(id, runId, passes));
            return 0;
        }));
        return command;
    }
}
