using Squad.Core.Git;
using Squad.Core.Tests.Orchestration;

namespace Squad.Core.Tests;

/// <summary>
/// <see cref="GitCli.RevParseAsync"/> reads branch and <c>HEAD</c> tips from git's files (<see cref="LocalRefs"/>) and gives
/// git's own answer in every state a ref can be in; what the files cannot answer plainly goes to git.
/// </summary>
public sealed class LocalRefsTests
{
    private readonly GitCli git = new();

    private static readonly string[] Names =
    [
        "HEAD", "refs/heads/main", "refs/heads/other", "refs/heads/missing", "refs/tags/light", "refs/tags/annotated",
        "refs/remotes/origin/main", "refs/heads/nested/deep", "main",
    ];

    /// <summary>git's answer to the same question, always by a process.</summary>
    private async Task<string?> GitAnswerAsync(string directory, string revision)
    {
        var result = await git.TryRunAsync(directory, ["rev-parse", "--verify", "--quiet", revision + "^{commit}"]);
        return result.Succeeded ? result.StandardOutput.Trim() : null;
    }

    private async Task AssertSameAsGitAsync(string directory, string state)
    {
        foreach (var name in Names)
        {
            // Twice: the first may ask git (and learn the commit), the second is the one the files answer.
            for (var i = 0; i < 2; i++)
            {
                Assert.True(await GitAnswerAsync(directory, name) == await git.TryRevParseAsync(directory, name), $"{state}: {name}");
            }
        }
    }

    [Fact]
    public async Task EveryStateOfARef_AnswersAsGitDoes_AndKnownTipsAreReadFromFiles()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var repository = origin.Path;
        var first = await GitAnswerAsync(repository, "HEAD");
        var second = await origin.CommitAsync(new Dictionary<string, string?> { ["a.txt"] = "b\n" }, "second");
        await origin.GitAsync("branch", "other", first!);
        await origin.GitAsync("branch", "nested/deep", second);
        await origin.GitAsync("tag", "light", first!);
        await origin.GitAsync("tag", "-a", "-m", "annotated", "annotated", second);
        await origin.GitAsync("update-ref", "refs/remotes/origin/main", first!);
        await AssertSameAsGitAsync(repository, "loose");
        Assert.Equal(second, LocalRefs.TryCommit(repository, "HEAD"));
        Assert.Equal(first, LocalRefs.TryCommit(repository, "refs/heads/other"));
        Assert.Null(LocalRefs.TryCommit(repository, "refs/tags/annotated")); // a tag object: git peels it
        Assert.Null(LocalRefs.TryCommit(repository, "main")); // a short name: git's rules find it

        await origin.GitAsync("pack-refs", "--all");
        Assert.False(File.Exists(Path.Combine(repository, ".git", "refs", "heads", "other")));
        await AssertSameAsGitAsync(repository, "packed");
        Assert.Equal(first, LocalRefs.TryCommit(repository, "refs/heads/other"));

        // Moved after packing: the loose ref wins over packed-refs, as in git.
        await origin.GitAsync("update-ref", "refs/heads/other", second);
        await AssertSameAsGitAsync(repository, "loose over packed");
        Assert.Equal(second, LocalRefs.TryCommit(repository, "refs/heads/other"));

        await origin.GitAsync("update-ref", "-d", "refs/heads/other");
        await AssertSameAsGitAsync(repository, "deleted");
        Assert.Null(LocalRefs.TryCommit(repository, "refs/heads/other"));

        await origin.GitAsync("checkout", "-q", "--detach", first!);
        await AssertSameAsGitAsync(repository, "detached");
        Assert.Equal(first, LocalRefs.TryCommit(repository, "HEAD"));

        await origin.GitAsync("symbolic-ref", "HEAD", "refs/heads/nested/deep");
        await AssertSameAsGitAsync(repository, "symbolic");
        Assert.Equal(second, LocalRefs.TryCommit(repository, "HEAD"));
    }

    /// <summary>A work tree's <c>HEAD</c> is its own; its branches are the clone's. A bare repository (the forge) reads its own.</summary>
    [Fact]
    public async Task WorkTreesAndBareRepositories_AnswerAsGitDoes()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var first = await GitAnswerAsync(origin.Path, "HEAD");
        var second = await origin.CommitAsync(new Dictionary<string, string?> { ["a.txt"] = "b\n" }, "second");
        var tree = Path.Combine(origin.Root, "tree");
        await origin.GitAsync("worktree", "add", "-q", "-b", "other", tree, first!);
        await AssertSameAsGitAsync(tree, "work tree");
        Assert.Equal(first, LocalRefs.TryCommit(tree, "HEAD"));
        Assert.Equal(second, LocalRefs.TryCommit(tree, "refs/heads/main"));

        await git.RunAsync(tree, ["commit", "-q", "--allow-empty", "-m", "third"]);
        Assert.Null(LocalRefs.TryCommit(tree, "HEAD")); // a commit no git answer named yet
        await AssertSameAsGitAsync(tree, "work tree after a commit");
        Assert.Equal(await GitAnswerAsync(tree, "HEAD"), LocalRefs.TryCommit(origin.Path, "refs/heads/other"));

        var bare = Path.Combine(origin.Root, "bare.git");
        await git.RunAsync(origin.Root, ["clone", "-q", "--bare", origin.Path, bare]);
        await AssertSameAsGitAsync(bare, "bare");
        Assert.Equal(second, LocalRefs.TryCommit(bare, "refs/heads/main"));

        // A folder inside a work tree: git looks further up; the files are not read.
        var inside = Path.Combine(tree, "sub");
        Directory.CreateDirectory(inside);
        Assert.Null(LocalRefs.ObjectId(inside, "HEAD"));
        Assert.Equal(await GitAnswerAsync(inside, "HEAD"), await git.TryRevParseAsync(inside, "HEAD"));
    }

    /// <summary>A large <c>packed-refs</c> (a forge's thousands of pull request refs) is git's to search, in place.</summary>
    [Fact]
    public async Task LargePackedRefs_AreGitsToSearch()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var repository = origin.Path;
        var head = await git.RevParseAsync(repository, "HEAD");
        await origin.GitAsync("branch", "packed");
        await origin.GitAsync("pack-refs", "--all");
        Assert.Equal(head, LocalRefs.TryCommit(repository, "refs/heads/packed"));

        var packed = Path.Combine(repository, ".git", "packed-refs");
        var lines = (await File.ReadAllLinesAsync(packed)).ToList();
        lines.AddRange(Enumerable.Range(0, 5000).Select(i => $"{head} refs/pull/{i:D5}/head"));
        await File.WriteAllLinesAsync(packed, lines);
        Assert.True(new FileInfo(packed).Length > 256 * 1024);

        Assert.Null(LocalRefs.TryCommit(repository, "refs/heads/packed"));
        Assert.Equal(head, await git.TryRevParseAsync(repository, "refs/heads/packed"));
    }

    /// <summary>
    /// Refs written by hand, as an agent that could write them would: to a tree, to a path outside refs, garbage, or a
    /// commit git never named. None is answered from the files; each gets git's own answer.
    /// </summary>
    [Fact]
    public async Task HandWrittenRefs_AreGitsToAnswer()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var repository = origin.Path;
        var head = await git.RevParseAsync(repository, "HEAD");
        var tree = (await git.RunAsync(repository, ["rev-parse", "HEAD^{tree}"])).Trim();
        var refs = Path.Combine(repository, ".git", "refs", "heads");

        await File.WriteAllTextAsync(Path.Combine(refs, "to-tree"), tree + "\n");
        await File.WriteAllTextAsync(Path.Combine(refs, "outside"), "ref: ../../config\n");
        await File.WriteAllTextAsync(Path.Combine(refs, "garbage"), head + " trailing\n");
        await File.WriteAllTextAsync(Path.Combine(refs, "two-lines"), head + "\n" + head + "\n");
        await File.WriteAllTextAsync(Path.Combine(refs, "loop"), "ref: refs/heads/loop\n");
        await File.WriteAllTextAsync(Path.Combine(refs, "to-head"), "ref: HEAD\n");
        // A link git reads as a symbolic ref by its target's name (to the tree); followed as a path it reaches a commit.
        File.CreateSymbolicLink(Path.Combine(refs, "linked"), "refs/heads/to-tree");
        Directory.CreateDirectory(Path.Combine(refs, "refs", "heads"));
        await File.WriteAllTextAsync(Path.Combine(refs, "refs", "heads", "to-tree"), head + "\n");
        foreach (var name in new[] { "to-tree", "outside", "garbage", "two-lines", "loop", "to-head", "linked" })
        {
            Assert.Null(LocalRefs.TryCommit(repository, "refs/heads/" + name));
            Assert.Equal(await GitAnswerAsync(repository, "refs/heads/" + name), await git.TryRevParseAsync(repository, "refs/heads/" + name));
        }

        Assert.Null(await git.TryRevParseAsync(repository, "refs/heads/to-tree"));
        Assert.Null(LocalRefs.TryCommit(repository, "refs/heads/to-tree"));
        foreach (var odd in new[] { "refs/heads/../../config", "refs/heads/a..b", "refs/heads/.hidden", "HEAD^", "HEAD~1", "refs/heads/main@{1}", "refs/heads/x.lock", "refs/notes/x" })
        {
            Assert.Null(LocalRefs.ObjectId(repository, odd));
        }
    }
}
