using Squad.Core.Git;

namespace Squad.GitHub.Tests.Fakes;

/// <summary>The fake's storage for code: a real bare repository, so real pushes and fetches work against it.</summary>
public sealed class FakeGitRepository(string barePath, GitCli git)
{
    public string BarePath { get; } = barePath;

    public GitCli Git { get; } = git;

    /// <summary>A bare repository whose <paramref name="branch"/> holds one commit with a README.</summary>
    public static async Task<FakeGitRepository> CreateAsync(string barePath, string branch)
    {
        var git = new GitCli();
        Directory.CreateDirectory(barePath);
        await git.RunAsync(barePath, ["init", "-q", "--bare", "--initial-branch", branch]);
        var repository = new FakeGitRepository(barePath, git);
        var blob = (await git.RunAsync(barePath, ["hash-object", "-w", "--stdin"], "# checkout\n")).Trim();
        var tree = (await git.RunAsync(barePath, ["mktree"], $"100644 blob {blob}\tREADME.md\n")).Trim();
        var commit = (await git.RunAsync(barePath, ["commit-tree", tree, "-m", "Initial commit"])).Trim();
        await git.RunAsync(barePath, ["update-ref", "refs/heads/" + branch, commit]);
        return repository;
    }

    public Task<string?> HeadAsync(string branch) => Git.TryRevParseAsync(BarePath, "refs/heads/" + branch);

    /// <summary>Squashes <paramref name="head"/> onto <paramref name="baseBranch"/>: null when they conflict.</summary>
    public async Task<string?> SquashAsync(string baseBranch, string head, string title, string message)
    {
        var baseSha = (await HeadAsync(baseBranch))!;
        var tree = await Git.TryRunAsync(BarePath, ["merge-tree", "--write-tree", baseSha, head]);
        if (!tree.Succeeded)
        {
            return null;
        }

        var treeSha = tree.StandardOutput.Split('\n')[0].Trim();
        var commit = (await Git.RunAsync(BarePath, ["commit-tree", treeSha, "-p", baseSha, "-m", title, "-m", message])).Trim();
        await Git.RunAsync(BarePath, ["update-ref", "refs/heads/" + baseBranch, commit, baseSha]);
        return commit;
    }

    public async Task<bool> IsAncestorAsync(string ancestor, string descendant)
        => (await Git.TryRunAsync(BarePath, ["merge-base", "--is-ancestor", ancestor, descendant])).Succeeded;

    /// <summary>Merges <paramref name="from"/> into <paramref name="into"/> with a merge commit: null when they conflict.</summary>
    public async Task<string?> MergeIntoAsync(string into, string from, string message)
    {
        var head = (await HeadAsync(into))!;
        var other = (await HeadAsync(from))!;
        var tree = await Git.TryRunAsync(BarePath, ["merge-tree", "--write-tree", head, other]);
        if (!tree.Succeeded)
        {
            return null;
        }

        var commit = (await Git.RunAsync(BarePath, ["commit-tree", tree.StandardOutput.Split('\n')[0].Trim(), "-p", head, "-p", other, "-m", message])).Trim();
        await Git.RunAsync(BarePath, ["update-ref", "refs/heads/" + into, commit, head]);
        return commit;
    }

    public async Task<bool> MergesCleanlyAsync(string baseSha, string headSha)
        => (await Git.TryRunAsync(BarePath, ["merge-tree", "--write-tree", baseSha, headSha])).Succeeded;

    /// <summary>The commits in <paramref name="head"/> and not in <paramref name="baseBranch"/>, oldest first: sha, name, email, message.</summary>
    public async Task<IReadOnlyList<string[]>> CommitsAsync(string baseBranch, string head)
    {
        var log = await Git.RunAsync(BarePath, ["log", "--reverse", "--format=%H%x1f%an%x1f%ae%x1f%B%x1e", head, "^refs/heads/" + baseBranch, "--"]);
        return [.. log.Split('\x1e', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Trim('\n').Split('\x1f'))
            .Where(fields => fields.Length == 4)];
    }

    public async Task<bool> DeleteBranchAsync(string branch)
        => await HeadAsync(branch) is not null
            && (await Git.TryRunAsync(BarePath, ["update-ref", "-d", "refs/heads/" + branch])).Succeeded;
}
