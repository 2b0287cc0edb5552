using Squad.Core;
using Squad.Linear;

namespace Squad.Cli;

/// <summary>
/// Reads what <c>squad fix</c> and <c>/squad fix</c> name: a Linear issue URL or identifier (<c>ENG-123</c>), an issue
/// file of a local milestone folder (<c>bugs/CHK-41.md</c>), or an identifier of the local bug folder given with
/// <c>--issues</c>.
/// </summary>
internal static class FixTarget
{
    /// <exception cref="SquadException">The text names no issue in any of these forms.</exception>
    public static RunTargetRequest Resolve(string issue, string? issuesFolder, RunTargetRequest defaults)
    {
        var text = issue.Trim();
        if (LinearUrl.IsLinearUrl(text))
        {
            return new Uri(text).AbsolutePath.Contains("/issue/", StringComparison.Ordinal)
                && LinearUrl.Parse(text).Kind == Linear.LinearReferenceKind.Issue
                ? defaults with { Reference = text, Issue = null }
                : throw Invalid(text, "this Linear URL is not an issue's: paste the issue's URL, or its identifier");
        }

        if (text.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.GetFullPath(text);
            return File.Exists(path)
                ? defaults with { Reference = Path.GetDirectoryName(path)!, Issue = Path.GetFileNameWithoutExtension(path) }
                : throw Invalid(text, "there is no such issue file");
        }

        if (!LinearUrl.IsIssueIdentifier(text))
        {
            throw Invalid(text, "name the issue by its identifier (ENG-123), its Linear URL, or its Markdown file");
        }

        return issuesFolder is not null
            ? defaults with { Reference = Path.GetFullPath(issuesFolder), Issue = text.ToUpperInvariant() }
            : defaults with { Reference = "", Issue = text.ToUpperInvariant() };
    }

    private static SquadException Invalid(string text, string why) => new(SquadErrorCode.InvalidInput, $"cannot fix '{text}': {why}");
}
