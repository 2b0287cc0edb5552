using System.Globalization;
using System.Text;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.Testing;

namespace Squad.GitHub.Tests;

/// <summary>
/// The code host against real GitHub, in a sandbox repository (<c>SQUAD_GITHUB_SANDBOX_REPO</c>, <c>owner/name</c>)
/// the token may push to and merge into. Uses the COMMENT-plus-status review path, which needs one token only.
/// </summary>
public sealed class GitHubLiveTests
{
    private readonly GitCli git = new();

    [LiveFact("GITHUB_TOKEN", "SQUAD_GITHUB_SANDBOX_REPO")]
    public async Task CodeHost_SandboxRepository_PushesReviewsAndMergesPinnedToTheHead()
    {
        var repository = Environment.GetEnvironmentVariable("SQUAD_GITHUB_SANDBOX_REPO")!;
        var fromEnvironment = GitHubOptions.FromEnvironment(Environment.GetEnvironmentVariable, new Dictionary<Role, string>());
        using var host = new GitHubCodeHost(new GitHubOptions
        {
            Token = fromEnvironment.Token,
            ApiUrl = fromEnvironment.ApiUrl,
            Reviewers =
            [
                new GitHubReviewer { Login = "squad-code-reviewer", StatusContext = "squad/code-review" },
                new GitHubReviewer { Login = "squad-qa-specialist", StatusContext = "squad/qa-review" },
            ],
        }, git, TimeProvider.System);
        var info = await host.GetRepositoryAsync(repository);
        var branch = "squad-live-" + DateTimeOffset.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var worktree = Path.Combine(Path.GetTempPath(), branch);
        await git.RunAsync(Path.GetTempPath(), ["clone", "-q", info.FetchUrl, worktree], extraEnvironment: host.GitEnvironment);
        await git.RunAsync(worktree, ["checkout", "-q", "-b", branch]);
        var first = await CommitAsync(worktree, branch, "first");
        await host.PushAsync(repository, worktree, branch);

        var pull = await host.CreatePullRequestAsync(repository, new NewPullRequest
        {
            Title = "Squad live contract test " + branch,
            Body = "Opened by Squad's live tests.",
            HeadBranch = branch,
            BaseBranch = info.DefaultBranch,
            Author = new Identity { Name = "Squad", Email = "squad@squad.local", Login = "squad" },
        });
        var again = await host.FindPullRequestAsync(repository, branch);
        await host.CommentAsync(repository, pull.Number, new Identity { Name = "Squad", Email = "squad@squad.local", Login = "squad" }, "Live test comment.");
        await ApproveAsync(host, repository, pull.Number, first);
        var reviews = await host.ListReviewsAsync(repository, pull.Number);
        await host.GetChecksAsync(repository, first);
        var second = await CommitAsync(worktree, branch, "second");
        await host.PushAsync(repository, worktree, branch);
        var stale = await host.MergeAsync(repository, pull.Number, Merge(first));
        await ApproveAsync(host, repository, pull.Number, second);
        var merged = await host.MergeAsync(repository, pull.Number, Merge(second));

        Assert.Equal(pull.Number, again?.Number);
        Assert.Contains(reviews, r => r.Author == "squad-code-reviewer" && r.Verdict == Verdict.Approve && r.CommitSha == first);
        Assert.Contains(reviews, r => r.Author == "squad-qa-specialist" && r.Verdict == Verdict.Approve && r.CommitSha == first);
        Assert.Equal(MergeStatus.HeadChanged, stale.Status);
        Assert.Equal(MergeStatus.Merged, merged.Status);
        var config = await git.RunAsync(worktree, ["config", "--list"]);
        Assert.DoesNotContain(fromEnvironment.Token, config, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + fromEnvironment.Token)), config, StringComparison.Ordinal);
    }

    private async Task<string> CommitAsync(string worktree, string branch, string content)
    {
        Directory.CreateDirectory(Path.Combine(worktree, "squad-live"));
        await File.WriteAllTextAsync(Path.Combine(worktree, "squad-live", branch + ".txt"), content + "\n");
        await git.RunAsync(worktree, ["add", "--", "squad-live"]);
        await git.RunAsync(worktree, ["commit", "-q", "-m", "Squad live test: " + content], extraEnvironment: GitCli.AuthorEnvironment(
            new Identity { Name = "Squad", Email = "squad@squad.local", Login = "squad" }));
        return await git.RevParseAsync(worktree, "HEAD");
    }

    private static async Task ApproveAsync(GitHubCodeHost host, string repository, int number, string sha)
    {
        foreach (var login in new[] { "squad-code-reviewer", "squad-qa-specialist" })
        {
            await host.SubmitReviewAsync(repository, number, new ReviewSubmission
            {
                Reviewer = new Identity { Name = login, Email = login + "@squad.local", Login = login },
                Verdict = Verdict.Approve,
                Body = "Live test approval.",
                CommitSha = sha,
            });
        }
    }

    private static MergeRequest Merge(string sha) => new()
    {
        ExpectedHeadSha = sha,
        CommitTitle = "Squad live contract test",
        CommitMessage = "Merged by Squad's live tests.",
        Merger = new Identity { Name = "Squad", Email = "squad@squad.local", Login = "squad" },
    };
}
