using System.Text.Json;

namespace Squad.Core.Tools;

internal sealed class RunCommandTool : IAgentTool
{
    public string Name => ToolNames.RunCommand;

    public string Description
        => "Run one of the repository's named commands (from .squad.yml: format, lint, build, test), with optional arguments "
            + "appended (each passed as one argument: run one test, one file), and see its output. Long output shows its head "
            + "and tail; the whole of it can be read with read_file at the path the answer gives.";

    public JsonElement Schema { get; } = ToolSchemas.Build(
        [("name", "The command's name, such as test.")], [], [],
        [("args", "Arguments appended to the command, each passed as one argument, such as [\"--filter\", \"DiscountTests\"].")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        var name = arguments.Required("name");
        if (context.Agent.ReadOnly && context.Commands.Config.AfterWrite.Contains(name))
        {
            throw new ToolException($"'{name}' changes files, and the role '{context.Agent.Name}' is read-only");
        }

        var extra = arguments.OptionalList("args");
        var title = extra.Count == 0 ? name : context.Commands.Redactor.Redact($"{name} {string.Join(' ', extra.Select(ShellQuoting.Quote))}");

        // Never the same tree twice: a reader's bare command that a pristine copy of this tree already ran under the same
        // rules is answered from that record (a writer's work tree holds what agents wrote, and is never answered so).
        if (context.Agent.ReadOnly && extra.Count == 0 && context.RecordedResult is { } recorded
            && context.Commands.Config.Commands.ContainsKey(name) && await recorded(name, cancellationToken) is { } record)
        {
            // The answer's first line stays `name: exit N`, as every command answer's; the note follows it.
            var reply = CommandReply.Format(title, record.Outcome, context.Outputs);
            var header = reply.IndexOf('\n', StringComparison.Ordinal) + 1;
            return string.Concat(reply.AsSpan(0, header), $"[{record.Note}]\n", reply.AsSpan(header));
        }

        return await CommandLocks.HoldingAsync(context.CommandLock, async () =>
        {
            var root = context.CommandRoot is { } commandRoot ? await commandRoot(cancellationToken) : context.WorkspaceRoot;
            var outcome = await context.Commands.RunAsync(name, extra, root, cancellationToken);
            return CommandReply.Format(title, outcome, context.Outputs);
        }, cancellationToken);
    }
}
