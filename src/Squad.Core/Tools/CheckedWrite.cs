namespace Squad.Core.Tools;

/// <summary>
/// What write_file and edit_file share once the new content is settled: the optional syntax check (refusing a write
/// that breaks the file, with the reason, and leaving the file as it was), the write, the formatter, and the numbered
/// snippet of what changed. Within a <see cref="FormatBatch"/> the formatter and the snippet wait for the batch's last write.
/// </summary>
internal static class CheckedWrite
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="relative"/>; <paramref name="before"/> is what the file held, null when it is new.</summary>
    public static async Task<string> WriteAsync(ToolContext context, string relative, byte[]? before, byte[] content, CancellationToken cancellationToken)
    {
        var oldText = before is null ? null : FileText.Decode(before);
        var newText = FileText.Decode(content);
        var check = context.Commands.Config.CheckSyntax;
        if (check && SyntaxCheck.InProcess(relative, newText) is { } reason && (oldText is null || SyntaxCheck.InProcess(relative, oldText) is null))
        {
            throw Broken(relative, reason);
        }

        SafeFiles.Write(context.WorkspaceRoot, relative, content);
        if (check && SyntaxCheck.IsPython(relative) && await SyntaxCheck.PythonAsync(context, relative, cancellationToken) is { } python)
        {
            await RefuseUnlessBrokenBeforeAsync(context, relative, before, content, python, cancellationToken);
        }

        if (context.FormatBatch is { } batch)
        {
            batch.Add(relative, oldText);
            return "";
        }

        var formatted = await WriteGuard.AfterWriteAsync(context, cancellationToken);
        return await SnippetAsync(context, relative, oldText, formatted, cancellationToken);
    }

    /// <summary>What a write answers after the formatter ran: its outcome and the file's changed lines, numbered.</summary>
    public static async Task<string> SnippetAsync(ToolContext context, string relative, string? oldText, string formatted, CancellationToken cancellationToken)
    {
        var now = await SafeFiles.ReadAsync(context.WorkspaceRoot, relative, SafeFiles.MaxFileBytes, cancellationToken);
        return formatted + EditSnippet.Render(relative, oldText, FileText.Decode(now.Bytes));
    }

    /// <summary>Puts the old content back and refuses, unless the old content did not parse either.</summary>
    private static async Task RefuseUnlessBrokenBeforeAsync(ToolContext context, string relative, byte[]? before, byte[] content, string reason, CancellationToken cancellationToken)
    {
        if (before is null)
        {
            SafeFiles.Delete(context.WorkspaceRoot, relative);
            throw Broken(relative, reason);
        }

        SafeFiles.Write(context.WorkspaceRoot, relative, before);
        if (await SyntaxCheck.PythonAsync(context, relative, cancellationToken) is null)
        {
            throw Broken(relative, reason);
        }

        SafeFiles.Write(context.WorkspaceRoot, relative, content);
    }

    private static ToolException Broken(string relative, string reason)
        => new($"the change would break the syntax of '{relative}', so nothing was written: {reason}");
}
