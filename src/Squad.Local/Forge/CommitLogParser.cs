using Squad.Core;
using Squad.Core.Forge;

namespace Squad.Local.Forge;

/// <summary>
/// Reads <c>git log -z --format=<see cref="Format"/></c>. NUL separates the fields and the records;
/// git allows NUL in none of them, so a message with any other character cannot break the parse.
/// </summary>
internal static class CommitLogParser
{
    public const string Format = "--format=%H%x00%an%x00%ae%x00%B";

    private const int FieldsPerCommit = 4;

    public static IReadOnlyList<PullRequestCommit> Parse(string output)
    {
        if (output.Length == 0)
        {
            return [];
        }

        var fields = output.Split('\0');
        // -z ends every record with NUL, so the split leaves one empty tail.
        var count = output.EndsWith('\0') ? fields.Length - 1 : fields.Length;
        if (count % FieldsPerCommit != 0)
        {
            throw new SquadException(SquadErrorCode.Git, $"git log printed {count} fields, not a multiple of {FieldsPerCommit}; the commit list cannot be read");
        }

        var commits = new List<PullRequestCommit>(count / FieldsPerCommit);
        for (var i = 0; i < count; i += FieldsPerCommit)
        {
            commits.Add(new PullRequestCommit
            {
                Sha = fields[i].Trim(),
                AuthorName = fields[i + 1],
                AuthorEmail = fields[i + 2],
                Message = fields[i + 3].TrimEnd('\n'),
            });
        }

        return commits;
    }
}
