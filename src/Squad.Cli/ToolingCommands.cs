using System.CommandLine;
using Squad.Core;

namespace Squad.Cli;

/// <summary>Commands for the tools around Squad rather than its runs: editor schemas and shell completion.</summary>
internal sealed class ToolingCommands(TextWriter output, TextWriter error)
{
    public Command Schema()
    {
        var kind = new Argument<string>("kind") { Description = $"Which file: {string.Join(", ", ConfigSchemas.Kinds.Keys)} (agent: agents/*.yaml)." };
        var command = new Command("schema", "Print the JSON Schema of a configuration file, for editors (YAML language servers read JSON Schema).") { kind };
        command.SetAction(parse => Guard(() => output.Write(ConfigSchemas.Read(parse.GetRequiredValue(kind)))));
        return command;
    }

    public Command Completion()
    {
        var shell = new Argument<string>("shell") { Description = $"The shell: {string.Join(", ", ShellCompletion.Shells)}." };
        var command = new Command("completion", "Print a shell completion script, e.g. source <(squad completion bash).") { shell };
        command.SetAction(parse => Guard(() => output.Write(ShellCompletion.Script(parse.GetRequiredValue(shell)))));
        return command;
    }

    private int Guard(Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (SquadException ex)
        {
            error.WriteLine($"error: {ex.Message}");
            return (int)ex.Code;
        }
    }
}
