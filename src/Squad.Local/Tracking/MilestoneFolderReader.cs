using Squad.Core;
using Squad.Core.Domain;

namespace Squad.Local.Tracking;

/// <summary>Reads a milestone folder: <c>milestone.yml</c> and one Markdown file per issue.</summary>
internal static class MilestoneFolderReader
{
    private const string CommentsSuffix = ".comments.md";

    public static async Task<LoadedMilestone> LoadAsync(string reference, CancellationToken cancellationToken)
    {
        var info = MilestoneFileReader.Read(reference);
        var files = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var issues = new List<Issue>();
        foreach (var path in IssueFiles(info.Folder))
        {
            var (text, _) = await TextFile.ReadAsync(path, cancellationToken);
            var issue = IssueFileParser.Parse(path, text).Issue;
            if (files.TryGetValue(issue.Identifier, out var other))
            {
                throw new SquadException(
                    SquadErrorCode.InvalidInput,
                    $"identifier '{issue.Identifier}' is used by both '{other}' and '{path}': give each issue its own identifier");
            }

            files.Add(issue.Identifier, path);
            issues.Add(issue);
        }

        var milestone = new Milestone
        {
            Key = info.Folder,
            Name = info.Name,
            Repository = info.Repository,
            Issues = [.. issues.OrderBy(issue => issue.Identifier, NaturalComparer.Instance)],
        };
        return new LoadedMilestone { Milestone = milestone, Files = files };
    }

    /// <summary>The issue files of a folder, in a stable order so that errors are reproducible.</summary>
    private static IEnumerable<string> IssueFiles(string folder) => Directory
        .EnumerateFiles(folder, "*.md", SearchOption.TopDirectoryOnly)
        .Where(path => IsIssueFile(Path.GetFileName(path)))
        .Order(StringComparer.Ordinal);

    private static bool IsIssueFile(string name) =>
        name.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
        && !name.Equals("README.md", StringComparison.OrdinalIgnoreCase)
        && !name.EndsWith(CommentsSuffix, StringComparison.OrdinalIgnoreCase)
        && !name.StartsWith('.');

    /// <summary>Where the comments of an issue file go: <c>&lt;stem&gt;.comments.md</c> beside it.</summary>
    public static string CommentsPath(string issuePath) => Path.Combine(
        Path.GetDirectoryName(issuePath)!, Path.GetFileNameWithoutExtension(issuePath) + CommentsSuffix);
}
