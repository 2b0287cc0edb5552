using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.GitHub.Tests.Fakes;
using Squad.Testing;

namespace Squad.GitHub.Tests;

/// <summary>A fake GitHub, a recording clock, identities and tokens, and helpers to push branches and open pull requests through the code host.</summary>
public sealed class GitHubHarness : IAsyncDisposable
{
    public const string MainToken = "ghp_MainTokenOfTheOrchestrator0123456789";
    public const string CodeReviewerToken = "ghp_CodeReviewerOwnToken0123456789abcd";
    public const string QaSpecialistToken = "ghp_QaSpecialistOwnToken0123456789abcd";
    public const string ReviewBotToken = "ghp_ReviewBotAccountToken0123456789abc";
    public const string HumanToken = "ghp_HumanDeveloperToken0123456789abcdef";
    public const string BotLogin = "squad-bot";

    private readonly List<GitHubCodeHost> hosts = [];
    private int clones;

    private GitHubHarness(FakeGitHub fake) => Fake = fake;

    public FakeGitHub Fake { get; }

    public InstantTimeProvider Clock { get; } = new();

    public GitCli Git { get; } = new();

    public static Identity Developer { get; } = new() { Name = "Squad Developer", Email = "developer@squad.local", Login = "squad-developer" };

    public static Identity CodeReviewer { get; } = new() { Name = "Squad Code Reviewer", Email = "code-reviewer@squad.local", Login = "squad-code-reviewer" };

    public static Identity QaSpecialist { get; } = new() { Name = "Squad QA Specialist", Email = "qa-specialist@squad.local", Login = "squad-qa-specialist" };

    public static string[] AllTokens { get; } = [MainToken, CodeReviewerToken, QaSpecialistToken, ReviewBotToken, HumanToken];

    public static async Task<GitHubHarness> StartAsync()
    {
        var fake = await FakeGitHub.StartAsync();
        fake.AddToken(MainToken, BotLogin)
            .AddToken(CodeReviewerToken, CodeReviewer.Login)
            .AddToken(QaSpecialistToken, QaSpecialist.Login)
            .AddToken(ReviewBotToken, "acme-review-bot")
            .AddToken(HumanToken, "alice");
        return new GitHubHarness(fake);
    }

    /// <summary>A code host on the fake; <paramref name="reviewerTokens"/> gives the reviewers tokens of their own.</summary>
    public GitHubCodeHost CreateHost(bool reviewerTokens = false, string token = MainToken, Uri? apiUrl = null)
    {
        var host = new GitHubCodeHost(new GitHubOptions
        {
            Token = token,
            ApiUrl = apiUrl ?? Fake.BaseAddress,
            Reviewers =
            [
                new GitHubReviewer { Login = CodeReviewer.Login, StatusContext = "squad/code-review", Token = reviewerTokens ? CodeReviewerToken : null },
                new GitHubReviewer { Login = QaSpecialist.Login, StatusContext = "squad/qa-review", Token = reviewerTokens ? QaSpecialistToken : null },
            ],
        }, Git, Clock);
        hosts.Add(host);
        return host;
    }

    /// <summary>A working clone of the fake's repository, on <paramref name="branch"/> made from main.</summary>
    public async Task<string> CloneAsync(string branch)
    {
        var path = Path.Combine(Fake.Directory, "work-" + Interlocked.Increment(ref clones));
        await Git.RunAsync(Fake.Directory, ["clone", "-q", Fake.Repository.BarePath, path]);
        await Git.RunAsync(path, ["checkout", "-q", "-b", branch]);
        return path;
    }

    public async Task<string> CommitAsync(string worktree, string file, string content)
    {
        await File.WriteAllTextAsync(Path.Combine(worktree, file), content);
        await Git.RunAsync(worktree, ["add", "--", file]);
        await Git.RunAsync(worktree, ["commit", "-q", "-m", "Change " + file], extraEnvironment: GitCli.AuthorEnvironment(Developer));
        return await Git.RevParseAsync(worktree, "HEAD");
    }

    /// <summary>Pushes a branch with one commit through the host and opens its pull request.</summary>
    public async Task<(PullRequest PullRequest, string Worktree)> OpenPullRequestAsync(GitHubCodeHost host, string branch)
    {
        var worktree = await CloneAsync(branch);
        await CommitAsync(worktree, branch.Replace('/', '-') + ".txt", "work on " + branch + "\n");
        await host.PushAsync(FakeGitHub.FullName, worktree, branch);
        var pull = await host.CreatePullRequestAsync(FakeGitHub.FullName, new NewPullRequest
        {
            Title = "Work on " + branch,
            Body = "Resolves ENG-1",
            HeadBranch = branch,
            BaseBranch = FakeGitHub.DefaultBranch,
            Author = Developer,
        });
        return (pull, worktree);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            host.Dispose();
        }

        await Fake.DisposeAsync();
    }
}
