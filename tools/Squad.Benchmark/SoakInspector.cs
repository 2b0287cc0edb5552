using System.Text.Json;
using Microsoft.Data.Sqlite;
using Squad.Core.Git;

namespace Squad.Benchmark;

/// <summary>
/// Reads a data directory after a rerun and lists what is not healed: an issue not merged, merged twice or with more
/// than one pull request, main not holding exactly the clean run's tree, work trees or local branches left behind.
/// Repeated effects (extra comments or reviews against the clean run) are listed apart: they do not stop a rerun healing.
/// </summary>
internal sealed class SoakInspector(GitCli git, int issues, SoakBaseline baseline)
{
    public async Task<(List<string> Problems, List<string> Repeated)> InspectAsync(string dataDirectory, SquadExit rerun, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        if (rerun.ExitCode != 0)
        {
            problems.Add($"the rerun exited {rerun.ExitCode}: {Outcomes(rerun.Output)}{LastLine(rerun.Error)}");
        }

        var forge = Path.Combine(dataDirectory, "forge", "repos", SoakMilestone.Repository + ".git");
        var subjects = (await git.RunAsync(forge, ["log", "--format=%s", "main"], cancellationToken: cancellationToken)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var pulls = await PullRequestsAsync(dataDirectory, cancellationToken);
        for (var n = 1; n <= issues; n++)
        {
            var id = SoakMilestone.Identifier(n);
            var merges = subjects.Count(s => s.StartsWith(id + ":", StringComparison.Ordinal));
            if (merges != 1)
            {
                problems.Add($"{id} is on main {merges} times");
            }

            var own = pulls.Where(p => p.Branch.StartsWith($"squad/{id.ToLowerInvariant()}-", StringComparison.Ordinal)).ToList();
            if (own.Count != 1 || own[0].State != "merged")
            {
                problems.Add($"{id} has {own.Count} pull requests ({string.Join(", ", own.Select(p => p.State))})");
            }
        }

        var tree = (await git.RunAsync(forge, ["rev-parse", "main^{tree}"], cancellationToken: cancellationToken)).Trim();
        if (tree != baseline.MainTree)
        {
            problems.Add($"main's tree {tree[..12]} is not the clean run's {baseline.MainTree[..12]}");
        }

        problems.AddRange(await LeftoversAsync(dataDirectory, cancellationToken));
        return (problems, await RepeatedAsync(dataDirectory, cancellationToken));
    }

    /// <summary>What the forge holds, for the baseline: main's tree and the number of comments and reviews.</summary>
    public static async Task<SoakBaseline> BaselineAsync(GitCli git, string dataDirectory, CancellationToken cancellationToken)
    {
        var forge = Path.Combine(dataDirectory, "forge", "repos", SoakMilestone.Repository + ".git");
        return new SoakBaseline
        {
            MainTree = (await git.RunAsync(forge, ["rev-parse", "main^{tree}"], cancellationToken: cancellationToken)).Trim(),
            Comments = await CountAsync(dataDirectory, "comments", cancellationToken),
            Reviews = await CountAsync(dataDirectory, "reviews", cancellationToken),
        };
    }

    private async Task<List<string>> LeftoversAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var worktrees = Path.Combine(dataDirectory, "worktrees", SoakMilestone.Repository);
        if (Directory.Exists(worktrees) && Directory.GetFileSystemEntries(worktrees) is { Length: > 0 } left)
        {
            problems.Add("left in worktrees/: " + string.Join(", ", left.Select(Path.GetFileName)));
        }

        var clones = Path.Combine(dataDirectory, "clones");
        var clone = Path.Combine(clones, SoakMilestone.Repository + ".git");
        if (Directory.GetFileSystemEntries(clones).Where(e => e != clone).Select(Path.GetFileName).ToList() is { Count: > 0 } extra)
        {
            problems.Add("left in clones/: " + string.Join(", ", extra));
        }

        var branches = (await git.RunAsync(clone, ["for-each-ref", "--format=%(refname)", "refs/heads/"], cancellationToken: cancellationToken)).Trim();
        if (branches.Length > 0)
        {
            problems.Add("local branches left in the clone: " + branches.Replace('\n', ' '));
        }

        var registered = (await git.RunAsync(clone, ["worktree", "list", "--porcelain"], cancellationToken: cancellationToken))
            .Split('\n').Count(line => line.StartsWith("worktree ", StringComparison.Ordinal)) - 1;
        if (registered > 0)
        {
            problems.Add($"{registered} work trees still registered in the clone");
        }

        return problems;
    }

    private async Task<List<string>> RepeatedAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var repeated = new List<string>();
        var comments = await CountAsync(dataDirectory, "comments", cancellationToken);
        var reviews = await CountAsync(dataDirectory, "reviews", cancellationToken);
        if (comments != baseline.Comments)
        {
            repeated.Add($"{comments} pull request comments, the clean run has {baseline.Comments}");
        }

        if (reviews != baseline.Reviews)
        {
            repeated.Add($"{reviews} reviews, the clean run has {baseline.Reviews}");
        }

        return repeated;
    }

    private static async Task<List<(string Branch, string State)>> PullRequestsAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        await using var connection = Open(dataDirectory);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT head_branch, state FROM pull_requests ORDER BY number;";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private static async Task<long> CountAsync(string dataDirectory, string table, CancellationToken cancellationToken)
    {
        await using var connection = Open(dataDirectory);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = table == "comments" ? "SELECT COUNT(*) FROM comments;" : "SELECT COUNT(*) FROM reviews;";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static SqliteConnection Open(string dataDirectory)
        => new(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDirectory, "forge", "forge.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());

    private static string Outcomes(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return string.Join("; ", document.RootElement.GetProperty("squads").EnumerateArray()
                .Where(s => s.GetProperty("outcome").GetString() != "merged")
                .Select(s => $"{s.GetProperty("issue").GetString()} {s.GetProperty("outcome").GetString()} ({s.GetProperty("reason").GetString()})"));
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "no run JSON";
        }
    }

    private static string LastLine(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? "" : $" [stderr: {lines[^1]}]";
    }
}
