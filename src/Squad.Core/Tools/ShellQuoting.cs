namespace Squad.Core.Tools;

/// <summary>Quoting for <c>/bin/sh</c>: one argument, taken literally, whatever characters it holds.</summary>
internal static class ShellQuoting
{
    /// <summary>
    /// <paramref name="argument"/> in single quotes, each single quote in it written as <c>'\''</c>: nothing inside
    /// single quotes is special to the shell, so no expansion, substitution or second command can come of it.
    /// </summary>
    public static string Quote(string argument)
    {
        if (argument.Contains('\0', StringComparison.Ordinal))
        {
            throw new ToolException("an argument contains a NUL character");
        }

        return "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }
}
