using System.Globalization;
using System.Text;
using Squad.Core.Domain;
using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// The squad's branch so far, for a briefing: its commits (with the role that made each, from the <c>Squad-Role</c>
/// trailer the commit tool writes), the files it changes, and where QA's commits test each scenario (the lines QA added
/// that name it, as the QA prompt asks tests to be named).
/// </summary>
internal sealed record BranchRecord
{
    private const int MaxCommits = 50;

    public required IReadOnlyList<BranchCommit> Commits { get; init; }

    /// <summary><c>git diff --stat</c> of the branch against its base.</summary>
    public required string Stat { get; init; }

    /// <summary>Per scenario, the places in QA's commits that name it; empty when none does.</summary>
    public required IReadOnlyList<(string Scenario, IReadOnlyList<string> Places)> Tests { get; init; }

    /// <summary>
    /// What commits after QA's last changed in the files QA's commits touched (the diff from QA's last commit to the head,
    /// limited to those files): a weakened assertion shows here. Empty when nothing changed them.
    /// </summary>
    public string TestsChangedAfterQa { get; init; } = "";

    /// <param name="git">Runs git.</param>
    /// <param name="workspace">A work tree, or a clone holding <paramref name="head"/>.</param>
    /// <param name="baseRef">Where the branch started.</param>
    /// <param name="scenarios">The scenarios, looked for in QA's commits.</param>
    /// <param name="cancellationToken">Stops git.</param>
    /// <param name="head">The branch's head: the work tree's HEAD unless named.</param>
    public static async Task<BranchRecord?> ReadAsync(GitCli git, string workspace, string baseRef, IReadOnlyList<Scenario> scenarios, CancellationToken cancellationToken, string head = "HEAD")
    {
        // Between two object ids every read below is the same for ever: the reviewers of one head, and later passes, share it.
        Task<string> ReadAsync(string[] arguments) => git.ReadRevisionsAsync(workspace, arguments, [baseRef, head], cancellationToken);
        var log = await ReadAsync(["log", "--reverse", $"--max-count={MaxCommits}", "--format=%H%x1f%s%x1f%(trailers:key=Squad-Role,valueonly,separator=%x2C)%x1e", $"{baseRef}..{head}"]);
        var commits = log.Split('\u001e', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('\u001f'))
            .Where(fields => fields.Length == 3)
            .Select(fields => new BranchCommit(fields[0], fields[2].Trim(), fields[1]))
            .ToList();
        if (commits.Count == 0)
        {
            return null;
        }

        var stat = await ReadAsync(["diff", "--no-ext-diff", "--no-textconv", "--stat=120", $"{baseRef}...{head}"]);
        var added = new List<(string File, int Line, string Text)>();
        var qaCommits = commits.Where(c => c.Role == RoleNames.Qa).ToList();
        foreach (var commit in qaCommits)
        {
            added.AddRange(AddedLines(await git.RunPureAsync(workspace, ["show", "--format=", "--no-ext-diff", "--no-textconv", "-U0", commit.Sha], cancellationToken)));
        }

        return new BranchRecord
        {
            Commits = commits,
            Stat = stat.TrimEnd(),
            Tests = [.. scenarios.Select(s => (s.Name, (IReadOnlyList<string>)Naming(s.Name, added)))],
            TestsChangedAfterQa = qaCommits.Count == 0 || qaCommits[^1] == commits[^1] ? ""
                : await ChangedAfterAsync(git, workspace, qaCommits[^1].Sha, head, [.. added.Select(a => a.File).Distinct(StringComparer.Ordinal)], cancellationToken),
        };
    }

    private static async Task<string> ChangedAfterAsync(GitCli git, string workspace, string qaSha, string head, IReadOnlyList<string> files, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            return "";
        }

        string[] arguments = ["diff", "--no-ext-diff", "--no-textconv", qaSha, head, "--", .. files.Select(f => ":(literal)" + f)];
        return (await git.ReadRevisionsAsync(workspace, arguments, [qaSha, head], cancellationToken)).TrimEnd();
    }

    /// <summary>The lines a patch adds, with their file and line number in the new version.</summary>
    internal static IEnumerable<(string File, int Line, string Text)> AddedLines(string patch)
    {
        var file = "";
        var line = 0;
        foreach (var text in patch.Split('\n'))
        {
            if (text.StartsWith("+++ ", StringComparison.Ordinal))
            {
                file = text.StartsWith("+++ b/", StringComparison.Ordinal) ? text[6..] : "";
            }
            else if (text.StartsWith("@@ ", StringComparison.Ordinal))
            {
                var plus = text.IndexOf('+', StringComparison.Ordinal);
                var end = text.IndexOfAny([',', ' '], plus);
                line = plus > 0 && end > plus && int.TryParse(text[(plus + 1)..end], NumberStyles.None, CultureInfo.InvariantCulture, out var start) ? start : 0;
            }
            else if (text.StartsWith('+') && file.Length > 0)
            {
                yield return (file, line++, text[1..]);
            }
        }
    }

    /// <summary>Places whose text names the scenario, compared on letters and digits alone (so <c>A_known_code</c> names "A known code").</summary>
    private static List<string> Naming(string scenario, List<(string File, int Line, string Text)> added)
    {
        var name = Letters(scenario);
        return name.Length < MinNameLetters ? []
            : [.. added.Where(a => Letters(a.Text).Contains(name, StringComparison.Ordinal)).Select(a => $"{a.File}:{a.Line}").Distinct().Take(5)];
    }

    /// <summary>A scenario name shorter than this (letters and digits) is too common to look for.</summary>
    internal const int MinNameLetters = 8;

    /// <summary>The text's letters and digits, lower case: how a test's name and a scenario's are compared.</summary>
    internal static string Letters(string text)
    {
        var letters = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                letters.Append(char.ToLowerInvariant(c));
            }
        }

        return letters.ToString();
    }
}
