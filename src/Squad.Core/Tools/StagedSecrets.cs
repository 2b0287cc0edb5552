using System.Globalization;

namespace Squad.Core.Tools;

/// <summary>
/// Looks for Squad's secrets, plain or encoded, in what the index would commit: every staged
/// file's path and whole content (text or binary), read from the index rather than the work tree.
/// </summary>
internal static class StagedSecrets
{
    /// <summary>A staged file larger than this cannot be checked, so it cannot be committed.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>Why the staged content cannot be committed, naming the file but never the secret; null when it can.</summary>
    public static async Task<string?> FindAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var (git, root, redactor) = (context.Git, context.WorkspaceRoot, context.Commands.Redactor);
        var blobs = await StagedBlobsAsync(context, cancellationToken);
        if (blobs.Count == 0)
        {
            return null;
        }

        var sizes = await SizesAsync(context, blobs.Select(b => b.Id), cancellationToken);
        foreach (var (path, id) in blobs)
        {
            var shown = redactor.Redact(path);
            if (redactor.ContainsSecret(path))
            {
                return $"the path '{shown}' holds the value of one of Squad's secret variables";
            }

            if (sizes[id] > MaxFileBytes)
            {
                return $"'{shown}' is larger than {MaxFileBytes / (1024 * 1024)} MB, too large to check for secrets: keep it out of the commit";
            }

            var content = await git.RunAsync(root, ["cat-file", "blob", id], cancellationToken: cancellationToken);
            if (redactor.ContainsSecret(content))
            {
                return $"'{shown}' holds the value of one of Squad's secret variables (plain or encoded)";
            }
        }

        return null;
    }

    /// <summary>
    /// The blob the index holds for each path it changes against HEAD (deletions aside), from one <c>diff --cached --raw</c>:
    /// <c>:oldmode newmode oldid newid status</c>, then the path. Submodules (commits, not blobs) are left out.
    /// </summary>
    private static async Task<List<(string Path, string Id)>> StagedBlobsAsync(ToolContext context, CancellationToken cancellationToken)
    {
        var raw = await context.Git.RunAsync(context.WorkspaceRoot, ["diff", "--cached", "--no-ext-diff", "--no-renames", "--raw", "-z", "--abbrev=40", "--diff-filter=d"], cancellationToken: cancellationToken);
        var fields = raw.Split('\0');
        var blobs = new List<(string Path, string Id)>();
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var meta = fields[i].TrimStart(':').Split(' ');
            if (meta.Length >= 4 && meta[1] != "160000" && meta[3].Any(c => c != '0'))
            {
                blobs.Add((fields[i + 1], meta[3]));
            }
        }

        return blobs;
    }

    private static async Task<Dictionary<string, long>> SizesAsync(ToolContext context, IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var input = string.Join('\n', ids.Distinct(StringComparer.Ordinal)) + "\n";
        var output = await context.Git.RunAsync(context.WorkspaceRoot, ["cat-file", "--batch-check=%(objectname) %(objectsize)"], input, cancellationToken: cancellationToken);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => long.Parse(f[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);
    }
}
