using Squad.Core.Orchestration;

namespace Squad.Core.Tools;

/// <summary>What every write tool does before and after writing.</summary>
internal static class WriteGuard
{
    /// <summary>Defence in depth: a read-only role never has write tools, and even if one were reached it refuses.</summary>
    public static void EnsureWriter(ToolContext context)
    {
        if (context.Agent.ReadOnly)
        {
            throw new ToolException($"the role '{context.Agent.Name}' is read-only: it cannot change the repository");
        }
    }

    /// <summary>
    /// Refuses content that holds the value of one of Squad's secret variables: redacting it would
    /// silently change the file, so the agent is told and the repository never sees the secret.
    /// </summary>
    public static void EnsureNoSecret(ToolContext context, string content)
    {
        if (context.Commands.Redactor.ContainsSecret(content))
        {
            throw new ToolException("the content holds the value of one of Squad's secret variables; secrets never go into the repository");
        }
    }

    /// <summary>
    /// Refuses to delete or move a protected path (<c>.squad.yml</c>, CI workflows, the repository's own list): the gate
    /// would hand the PR to a person anyway, and a squad has no business removing what judges it.
    /// </summary>
    public static void EnsureNotProtected(ToolContext context, string relative)
    {
        var path = string.Join('/', WorkspacePaths.Segments(relative));
        if (path.Length == 0)
        {
            throw FileRefusals.Folder(relative);
        }

        if (context.Commands.Config.ProtectedPaths.FirstOrDefault(p => PathGlob.IsMatch(p, path)) is { } pattern)
        {
            throw new ToolException($"'{relative}' is a protected path ({pattern}): agents do not delete or move it");
        }
    }

    /// <summary>Refuses to write more than <see cref="SafeFiles.MaxFileBytes"/>; <paramref name="what"/> names it in the message.</summary>
    public static void EnsureSize(int bytes, string what)
    {
        if (bytes > SafeFiles.MaxFileBytes)
        {
            throw new ToolException($"{what} is {bytes} bytes: file tools write at most {SafeFiles.MaxFileBytes} bytes ({SafeFiles.MaxFileSize}) per file");
        }
    }

    /// <summary>Runs the repository's after-write commands (the formatter); their failure is reported, not fatal.</summary>
    public static async Task<string> AfterWriteAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var failure = await context.Commands.RunUntilFailureAsync(context.Commands.Config.AfterWrite, context.WorkspaceRoot, cancellationToken);
        return failure is null
            ? context.Commands.Config.AfterWrite.Count == 0 ? "" : " (formatted)"
            : $"\n{failure.Name} failed (exit {failure.ExitCode}):\n{failure.Output}";
    }
}
