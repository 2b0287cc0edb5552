using System.Text.Json;

namespace Squad.Core.Tools;

/// <summary>Commits every change of the work tree after the guardrails pass; a failing guardrail refuses the commit.</summary>
internal sealed class CommitTool : IAgentTool
{
    public string Name => ToolNames.Commit;

    public string Description => "Commit all changes of the work tree. The repository's checks (lint, tests) run first; if they fail, nothing is committed and you get their output.";

    public JsonElement Schema { get; } = ToolSchemas.Strings([("message", "The commit message: a summary line, then details.")]);

    public async Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        WriteGuard.EnsureWriter(context);
        // Commit messages are outward text like PR bodies: a secret in one, plain or encoded, is redacted, not refused
        // (a message is no code that the change would break). Files are refused below.
        var message = context.Commands.Redactor.Redact(arguments.Required("message")).Trim();
        if (message.Length == 0)
        {
            throw new ToolException("the commit message is empty");
        }

        var root = context.WorkspaceRoot;
        var merging = (await context.Git.TryRunAsync(root, ["rev-parse", "-q", "--verify", "MERGE_HEAD"], cancellationToken: cancellationToken)).Succeeded;
        await context.Git.RunAsync(root, ["add", "-A"], cancellationToken: cancellationToken);
        var staged = await context.Git.TryRunAsync(root, ["diff", "--no-ext-diff", "--cached", "--quiet"], cancellationToken: cancellationToken);
        if (staged.ExitCode == 0)
        {
            throw new ToolException("nothing to commit: the work tree has no changes");
        }

        if (merging && await UnresolvedAsync(context, cancellationToken) is { } unresolved)
        {
            await UnstageAsync(context, merging, cancellationToken);
            throw new ToolException($"commit refused: the merge with the base branch is not resolved: {unresolved}. Resolve every conflict and commit again.");
        }

        var checks = (context.Agent.CommitChecks?.Where(context.Commands.Config.BeforeCommit.Contains) ?? context.Commands.Config.BeforeCommit).ToList();
        var failure = await RunChecksAsync(context, checks, cancellationToken);
        if (failure is not null)
        {
            await UnstageAsync(context, merging, cancellationToken);
            throw new ToolException($"commit refused: {failure.Name} failed (exit {failure.ExitCode}). Fix it and commit again.\n{failure.Output}");
        }

        // After the checks, which may have staged files of their own: the index is exactly what would be committed.
        if (await StagedSecrets.FindAsync(context, cancellationToken) is { } leak)
        {
            await UnstageAsync(context, merging, cancellationToken);
            throw new ToolException($"commit refused: {leak}; secrets never go into the repository. Remove it and commit again.");
        }

        // During a merge (a conflict round) git's commit completes it: a merge commit with the base branch as second parent.
        var fullMessage = $"{message}\n\n{context.Signature}\n\nSquad-Role: {context.Agent.Name}\n";
        await context.Git.RunAsync(root, ["commit", "-q", "--no-verify", "-F", "-"], fullMessage, Git.GitCli.AuthorEnvironment(context.Identity), cancellationToken);
        var sha = await context.Git.RevParseAsync(root, "HEAD", cancellationToken);
        context.Commits.Add(sha);
        return $"committed {sha[..12]}";
    }

    /// <summary>
    /// The checks on what is staged. When they are the head's evidence, in a pristine copy of the staged tree (the index,
    /// written as a tree): that trusted result is the one the reviewers' evidence reuses. Otherwise in the work tree.
    /// </summary>
    private static async Task<CommandOutcome?> RunChecksAsync(ToolContext context, List<string> checks, CancellationToken cancellationToken)
    {
        if (checks.Count > 0 && context.PristineChecks is { } pristine && checks.SequenceEqual(pristine.Names, StringComparer.Ordinal))
        {
            var tree = (await context.Git.RunAsync(context.WorkspaceRoot, ["write-tree"], cancellationToken: cancellationToken)).Trim();
            return await pristine.RunAsync(tree, cancellationToken);
        }

        return await context.Commands.RunUntilFailureAsync(checks, context.WorkspaceRoot, cancellationToken);
    }

    /// <summary>
    /// A refused commit leaves the index as it was. During a merge (a conflict round) the index stays staged: <c>git reset</c>
    /// would end the merge, and the next commit restages everything anyway.
    /// </summary>
    private static async Task UnstageAsync(ToolContext context, bool merging, CancellationToken cancellationToken)
    {
        if (!merging)
        {
            await context.Git.RunAsync(context.WorkspaceRoot, ["reset", "-q"], cancellationToken: cancellationToken);
        }
    }

    /// <summary>During a merge: the files that still hold conflict markers, if any (<c>git diff --check</c> names them).</summary>
    private static async Task<string?> UnresolvedAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var root = context.WorkspaceRoot;
        var check = await context.Git.TryRunAsync(root, ["diff", "--cached", "--check", "--no-ext-diff"], cancellationToken: cancellationToken);
        var files = check.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(line => line.Contains("leftover conflict marker", StringComparison.Ordinal))
            .Select(line => line.Split(':', 2)[0])
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return files.Count == 0 ? null : "conflict markers remain in " + string.Join(", ", files);
    }
}
