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
    /// <param name="git">Runs git.</param>
    /// <param name="repository">A clone or work tree holding both revisions.</param>
    /// <param name="baseRevision">Where the branch started.</param>
    /// <param name="head">The branch's head.</param>
    /// <param name="cancellationToken">Stops git.</param>
    /// <param name="bytes">Whether to measure bytes as well (a second git process, for the blobs' sizes); when not, <see cref="Bytes"/> is 0.</param>
    public static async Task<DiffSize> MeasureAsync(GitCli git, string repository, string baseRevision, string head, CancellationToken cancellationToken, bool bytes = true)
    {
        var range = $"{baseRevision}...{head}";
        // One process for both listings: git writes every raw entry (<c>:oldmode newmode oldid newid status</c>, then the
        // path), then every numstat entry (<c>added\tremoved\tpath</c>).
        var both = await git.ReadRevisionsAsync(repository, ["diff", "--no-ext-diff", "--no-textconv", "--no-renames", "--raw", "--numstat", "-z", "--abbrev=40", range], [baseRevision, head], cancellationToken);
        var (blobs, numstat) = Split(both);
        var binary = new HashSet<string>(StringComparer.Ordinal);
        var paths = new List<string>();
        long lines = 0;
        foreach (var entry in numstat)
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

        if (!bytes)
        {
            return new DiffSize(paths, lines, 0);
        }

        var sizes = await SizesAsync(git, repository, blobs.SelectMany(b => new[] { b.Old, b.New }), cancellationToken);
        long total = 0;
        foreach (var (path, old, @new) in blobs)
        {
            var before = sizes.GetValueOrDefault(old);
            var after = sizes.GetValueOrDefault(@new);
            total += binary.Contains(path) ? Math.Max(before, after) : Math.Abs(after - before);
        }

        return new DiffSize(paths, lines, total);
    }

    /// <summary>The raw entries (path, old blob, new blob) and the numstat entries of <c>git diff --raw --numstat -z</c>.</summary>
    private static (List<(string Path, string Old, string New)> Raw, List<string> Numstat) Split(string output)
    {
        var raw = new List<(string, string, string)>();
        var numstat = new List<string>();
        var fields = output.Split('\0');
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].StartsWith(':') && i + 1 < fields.Length)
            {
                // A raw entry's path is the next field, whatever it starts with.
                var meta = fields[i].TrimStart(':').Split(' ');
                if (meta.Length >= 4)
                {
                    raw.Add((fields[i + 1], meta[2], meta[3]));
                }

                i++;
            }
            else if (fields[i].Length > 0)
            {
                numstat.Add(fields[i]);
            }
        }

        return (raw, numstat);
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
