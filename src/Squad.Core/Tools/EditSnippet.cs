namespace Squad.Core.Tools;

/// <summary>The numbered lines around what a write changed, so the agent sees the result (formatter included) at once.</summary>
internal static class EditSnippet
{
    public const int ContextLines = 3;
    public const int MaxLines = 30;

    /// <summary>The lines of <paramref name="path"/> that differ between <paramref name="before"/> (null for a new file) and <paramref name="after"/>, with context.</summary>
    public static string Render(string path, string? before, string after)
    {
        var old = before is null ? [] : FileLines.Split(before);
        var now = FileLines.Split(after);
        if (now.Count == 0)
        {
            return $"\n[{path} is now empty]";
        }

        var prefix = 0;
        while (prefix < old.Count && prefix < now.Count && old[prefix] == now[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < old.Count - prefix && suffix < now.Count - prefix && old[^(suffix + 1)] == now[^(suffix + 1)])
        {
            suffix++;
        }

        if (before is not null && prefix == old.Count && prefix == now.Count)
        {
            return $"\n[no line of {path} changed]";
        }

        var first = Math.Max(1, prefix + 1 - ContextLines);
        var last = Math.Min(now.Count, Math.Max(now.Count - suffix, prefix + 1) + ContextLines);
        var shownLast = Math.Min(last, first + MaxLines - 1);
        var more = shownLast < last ? $"; the change goes on to line {now.Count - suffix}" : "";
        return $"\n{FileLines.Numbered(now, first, shownLast, 500)}[lines {first}-{shownLast} of {now.Count}{more}]";
    }
}
