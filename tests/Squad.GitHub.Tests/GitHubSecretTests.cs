using System.Text;
using Squad.Core;
using Squad.Core.Git;
using Squad.GitHub.Tests.Fakes;

namespace Squad.GitHub.Tests;

/// <summary>The token reaches git through the environment only: not a command line, a file, a remote or an error.</summary>
public sealed class GitHubSecretTests : IAsyncLifetime
{
    private GitHubHarness harness = null!;

    public async Task InitializeAsync() => harness = await GitHubHarness.StartAsync();

    public async Task DisposeAsync() => await harness.DisposeAsync();

    [Fact]
    public void GitEnvironment_MainToken_IsAnExtraHeaderInGitConfigVariables()
    {
        using var host = harness.CreateHost();

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + GitHubHarness.MainToken));

        Assert.Equal("1", host.GitEnvironment["GIT_CONFIG_COUNT"]);
        Assert.Equal("http.extraHeader", host.GitEnvironment["GIT_CONFIG_KEY_0"]);
        Assert.Equal("Authorization: Basic " + basic, host.GitEnvironment["GIT_CONFIG_VALUE_0"]);
    }

    [Fact]
    public void PushArguments_AnyBranch_HoldNoToken()
    {
        var arguments = GitCredentials.PushArguments("https://github.com/acme/checkout.git", "eng-1-checkout");

        Assert.Equal(["push", "--no-verify", "--quiet", "https://github.com/acme/checkout.git", "HEAD:refs/heads/eng-1-checkout"], arguments);
        Assert.DoesNotContain(arguments, a => Secrets().Any(s => a.Contains(s, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task PushAsync_Worktree_PushesAndLeavesNoTokenInGitConfig()
    {
        var host = harness.CreateHost();
        var worktree = await harness.CloneAsync("feature-a");
        var sha = await harness.CommitAsync(worktree, "a.txt", "a\n");

        await host.PushAsync(FakeGitHub.FullName, worktree, "feature-a");

        Assert.Equal(sha, await harness.Fake.Repository.HeadAsync("feature-a"));
        var config = await harness.Git.RunAsync(worktree, ["config", "--list", "--show-origin"]);
        Assert.DoesNotContain(Secrets(), s => config.Contains(s, StringComparison.Ordinal));
        var files = Directory.EnumerateFiles(Path.Combine(worktree, ".git"), "*", SearchOption.AllDirectories)
            .Where(f => new FileInfo(f).Length < 1_000_000)
            .Select(File.ReadAllText);
        Assert.DoesNotContain(files, text => Secrets().Any(s => text.Contains(s, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task FetchWithGitEnvironment_CloneOfTheRepository_FetchesTheBranches()
    {
        var host = harness.CreateHost();
        var worktree = await harness.CloneAsync("feature-a");
        var sha = await harness.CommitAsync(worktree, "a.txt", "a\n");
        await host.PushAsync(FakeGitHub.FullName, worktree, "feature-a");
        var repository = await host.GetRepositoryAsync(FakeGitHub.FullName);
        var clone = Path.Combine(harness.Fake.Directory, "orchestrator-clone.git");
        Directory.CreateDirectory(clone);
        await harness.Git.RunAsync(clone, ["init", "-q", "--bare"]);
        await harness.Git.RunAsync(clone, ["remote", "add", "origin", repository.FetchUrl]);

        await harness.Git.RunAsync(clone, ["fetch", "-q", "origin"], extraEnvironment: host.GitEnvironment);

        Assert.Equal(sha, await harness.Git.RevParseAsync(clone, "refs/remotes/origin/feature-a"));
        Assert.DoesNotContain(Secrets(), s => File.ReadAllText(Path.Combine(clone, "config")).Contains(s, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PushAsync_NotAFastForward_ThrowsWithoutTheToken()
    {
        var host = harness.CreateHost();
        var first = await harness.CloneAsync("feature-a");
        await harness.CommitAsync(first, "a.txt", "a\n");
        await host.PushAsync(FakeGitHub.FullName, first, "feature-a");
        var second = await harness.CloneAsync("feature-a");
        await harness.CommitAsync(second, "b.txt", "b\n");

        var error = await Assert.ThrowsAsync<SquadException>(() => host.PushAsync(FakeGitHub.FullName, second, "feature-a"));

        Assert.Equal(SquadErrorCode.Git, error.Code);
        Assert.DoesNotContain(Secrets(), s => error.ToString().Contains(s, StringComparison.Ordinal));
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task Failures_EveryKind_NeverCarryATokenInTheirMessage()
    {
        var host = harness.CreateHost(reviewerTokens: true);
        var (pull, _) = await harness.OpenPullRequestAsync(host, "feature-a");
        var messages = new List<string>();
        foreach (var status in new[] { 401, 403, 404, 422, 500 })
        {
            harness.Fake.Fail(new FakeFault { Method = "POST", PathSuffix = "/reviews", Status = status, Body = $$"""{"message":"echo {{GitHubHarness.CodeReviewerToken}}"}""" });
            var error = await Assert.ThrowsAsync<SquadException>(() => host.SubmitReviewAsync(FakeGitHub.FullName, pull.Number, new()
            {
                Reviewer = GitHubHarness.CodeReviewer,
                Verdict = Core.Domain.Verdict.Approve,
                Body = "ok",
                CommitSha = pull.HeadSha,
            }));
            messages.Add(error.ToString());
        }

        Assert.Equal(5, messages.Count);
        Assert.DoesNotContain(messages, m => Secrets().Any(s => m.Contains(s, StringComparison.Ordinal)));
    }

    private static IEnumerable<string> Secrets() => GitHubHarness.AllTokens
        .Concat(GitHubHarness.AllTokens.Select(t => Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + t))));
}
