using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.Local.Forge;
using Squad.Testing;

namespace Squad.Local.Tests.Forge;

/// <summary>A temporary folder with a forge in it, an imported repository, and helpers that drive real git.</summary>
internal sealed class ForgeTestContext : IDisposable
{
    public const string Repository = "sample";

    public static readonly Identity Developer = new() { Name = "Developer", Email = "developer@squad.local", Login = "developer" };
    public static readonly Identity CodeReviewer = new() { Name = "Code Reviewer", Email = "code-reviewer@squad.local", Login = "code-reviewer" };
    public static readonly Identity QaSpecialist = new() { Name = "QA Specialist", Email = "qa-specialist@squad.local", Login = "qa-specialist" };
    public static readonly Identity Orchestrator = new() { Name = "Squad", Email = "squad@squad.local", Login = "squad" };

    private int _folders;

    public ForgeTestContext()
    {
        Root = Directory.CreateTempSubdirectory("squad-forge-test-").FullName;
        ForgeDirectory = Path.Combine(Root, "forge");
        Forge = new LocalForge(ForgeDirectory, Git, Clock);
    }

    public string Root { get; }

    public string ForgeDirectory { get; }

    public GitCli Git { get; } = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public LocalForge Forge { get; }

    public string BarePath => Path.Combine(ForgeDirectory, "repos", Repository + ".git");

    /// <summary>A plain folder (not a git work tree) holding the given files.</summary>
    public string CreateFolder(params (string Path, string Content)[] files)
    {
        var folder = NewFolder("source");
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, content);
        }

        return folder;
    }

    public Task<RepositoryInfo> ImportSampleAsync()
        => Forge.ImportRepositoryAsync(Repository, CreateFolder(("README.md", "# Sample\n"), ("src/app.txt", "line one\nline two\nline three\n")));

    public async Task<string> CloneAsync()
    {
        var folder = NewFolder("clone");
        await Git.RunAsync(Root, ["clone", "--quiet", BarePath, folder]);
        return folder;
    }

    /// <summary>A clone on a new branch with one commit writing <paramref name="path"/>, pushed through the forge.</summary>
    public async Task<(string Worktree, string Sha)> PushBranchAsync(string branch, string path, string content)
    {
        var worktree = await CloneAsync();
        await Git.RunAsync(worktree, ["checkout", "--quiet", "-b", branch]);
        var sha = await CommitAsync(worktree, path, content, $"Change {path}");
        await Forge.PushAsync(Repository, worktree, branch);
        return (worktree, sha);
    }

    public async Task<string> CommitAsync(string worktree, string path, string content, string message)
    {
        var full = Path.Combine(worktree, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await File.WriteAllTextAsync(full, content);
        await Git.RunAsync(worktree, ["add", "--all"]);
        await Git.RunAsync(worktree, ["commit", "--quiet", "-m", message], extraEnvironment: GitCli.AuthorEnvironment(Developer));
        return await Git.RevParseAsync(worktree, "HEAD");
    }

    public Task<PullRequest> OpenPullRequestAsync(string branch, string title = "A change")
        => Forge.CreatePullRequestAsync(Repository, new NewPullRequest
        {
            Title = title,
            Body = "Closes ENG-1",
            HeadBranch = branch,
            BaseBranch = "main",
            Author = Developer,
        });

    public Task<string?> BranchTipAsync(string branch) => Git.TryRevParseAsync(BarePath, "refs/heads/" + branch);

    public async Task<string> ShowAsync(string revision, string path)
        => await Git.RunAsync(BarePath, ["show", $"{revision}:{path}"]);

    public async Task<int> CommitCountAsync(string revision)
        => int.Parse((await Git.RunAsync(BarePath, ["rev-list", "--count", revision])).Trim(), System.Globalization.CultureInfo.InvariantCulture);

    public static MergeRequest Approved(string headSha) => new()
    {
        ExpectedHeadSha = headSha,
        CommitTitle = "A change (#1)",
        CommitMessage = "Closes ENG-1",
        Merger = Orchestrator,
    };

    public void Dispose()
    {
        Forge.Dispose();
        Directory.Delete(Root, recursive: true);
    }

    private string NewFolder(string prefix)
    {
        var folder = Path.Combine(Root, $"{prefix}-{Interlocked.Increment(ref _folders)}");
        Directory.CreateDirectory(folder);
        return folder;
    }
}
