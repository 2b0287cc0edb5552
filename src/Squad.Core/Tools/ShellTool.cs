using System.Text.Json;

namespace Squad.Core.Tools;

/// <summary>
/// Any command line, in the squad's sandbox (no network, an allow-listed environment, the same limits as the named
/// commands). A writer's shell runs in its work tree; a read-only role's only in its throwaway copy, so nothing it runs
/// changes the tree it reads or the branch.
/// </summary>
internal sealed class ShellTool : IAgentTool
{
    public string Name => ToolNames.Shell;

    public string Description
        => "Run a shell command line (/bin/sh -c) in the repository's sandbox: no network, no secrets, a time limit. "
            + "Use it to reproduce a bug, run one test, inspect the tree. Long output shows its head and tail; the whole "
            + "of it can be read with read_file at the path the answer gives.";

    public JsonElement Schema { get; } = ToolSchemas.Strings([("command", "The command line, such as: python3 repro.py")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        var command = arguments.Required("command");
        if (command.Trim().Length == 0)
        {
            throw new ToolException("the command line is empty");
        }

        if (context.CommandRoot is null && context.Agent.ReadOnly)
        {
            // Read-only by construction: without a throwaway copy there is nowhere a read-only role's command may run.
            throw new ToolException($"the role '{context.Agent.Name}' is read-only and this pass has no throwaway copy for its commands");
        }

        var outcome = await CommandLocks.HoldingAsync(context.CommandLock, async () =>
        {
            var root = context.CommandRoot is { } commandRoot ? await commandRoot(cancellationToken) : context.WorkspaceRoot;
            return await context.Commands.RunShellAsync(command, root, cancellationToken);
        }, cancellationToken);
        return CommandReply.Format(context.Commands.Redactor.Redact("$ " + CappedOutput.Cap(command.Trim(), 200)), outcome, context.Outputs);
    }
}
