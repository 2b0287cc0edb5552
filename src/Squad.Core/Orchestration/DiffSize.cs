using System.Globalization;
using System.Text;
using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// What a pull request changes, measured the two ways the gate limits: lines of text, and bytes. A binary file has no
/// lines (git's numstat says <c>-</c>), so a gigabyte of it would pass a line limit; bytes count it: the larger of its
/// old and new size for a binary file, the growth or shrinkage for a text file (whose rewrites the lines count).
/// </summary>
internal sealed record DiffSize(IReadOnlyList<string> Paths, long Lines, long Bytes)
{
    public static async Task<DiffSize> MeasureAsync(GitCli git, string repository, string baseRevision, string head, CancellationToken cancellationToken)
    {
        var range = $"{baseRevision}...{head}";
        var numstat = await git.RunAsync(repository, ["diff", "--no-ext-diff", "--no-textconv", "--no-renames", "--numstat", "-z", range], cancellationToken: cancellationToken);
        var raw = await git.RunAsync(repository, ["diff", "--no-ext-diff", "--no-renames", "--raw", "-z", "--abbrev=40", range], cancellationToken: cancellationToken);
        var binary = new HashSet<string>(StringComparer.Ordinal);
        var paths = new List<string>();
        long lines = 0;
        foreach (var entry in numstat.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('\t', 3);
            if (parts.Length != 3)
            {
                continue;
            }

            paths.Add(parts[2]);
            if (parts[0] == "-")
            {
                binary.Add(parts[2]);
            }

            lines += (long.TryParse(parts[0], out var added) ? added : 0) + (long.TryParse(parts[1], out var removed) ? removed : 0);
        }

        var blobs = ParseRaw(raw);
        var sizes = await SizesAsync(git, repository, blobs.SelectMany(b => new[] { b.Old, b.New }), cancellationToken);
        long bytes = 0;
        foreach (var (path, old, @new) in blobs)
        {
            var before = sizes.GetValueOrDefault(old);
            var after = sizes.GetValueOrDefault(@new);
            bytes += binary.Contains(path) ? Math.Max(before, after) : Math.Abs(after - before);
        }

        return new DiffSize(paths, lines, bytes);
    }

    /// <summary>Entries of <c>git diff --raw -z</c>: <c>:oldmode newmode oldsha newsha status</c>, then the path.</summary>
    private static List<(string Path, string Old, string New)> ParseRaw(string raw)
    {
        var result = new List<(string, string, string)>();
        var fields = raw.Split('\0');
        for (var i = 0; i + 1 < fields.Length; i += 2)
        {
            var meta = fields[i].TrimStart(':').Split(' ');
            if (meta.Length >= 4)
            {
                result.Add((fields[i + 1], meta[2], meta[3]));
            }
        }

        return result;
    }

    private static async Task<Dictionary<string, long>> SizesAsync(GitCli git, string repository, IEnumerable<string> shas, CancellationToken cancellationToken)
    {
        var wanted = shas.Where(s => s.Any(c => c != '0')).Distinct(StringComparer.Ordinal).ToList();
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        if (wanted.Count == 0)
        {
            return sizes;
        }

        var input = new StringBuilder();
        foreach (var sha in wanted)
        {
            input.Append(sha).Append('\n');
        }

        var output = await git.RunAsync(repository, ["cat-file", "--batch-check=%(objectname) %(objectsize)"], input.ToString(), cancellationToken: cancellationToken);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                sizes[parts[0]] = size;
            }
        }

        return sizes;
    }
}
