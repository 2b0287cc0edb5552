using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.GitHub.Wire;

namespace Squad.GitHub;

/// <summary>
/// GitHub (or GitHub Enterprise Server) as Squad's code host, over its REST API. Repositories are named
/// <c>owner/name</c>. One pull request per branch, ever; reviewers with tokens of their own leave real reviews,
/// the others a COMMENT review with a verdict marker plus a commit status each (GitHub refuses self-approval);
/// merges are squashes pinned to the approved head.
/// </summary>
public sealed class GitHubCodeHost : ICodeHost, IDisposable
{
    private static readonly HttpStatusCode[] None = [];

    private static Octokit.ApiOptions Pages => GitHubApi.Pages;

    private readonly GitHubOptions options;
    private readonly GitCli git;
    private readonly TimeProvider timeProvider;
    private readonly Uri root;
    private readonly GitHubHandler handler;
    private readonly Octokit.IGitHubClient octokit;
    private readonly Octokit.ApiConnection pages;
    private readonly GitHubApi api;
    private readonly GitHubClient client;
    private readonly GitHubMerger merger;
    private readonly ReviewerAccounts reviewerAccounts;

    public GitHubCodeHost(GitHubOptions options, GitCli git, TimeProvider timeProvider, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(git);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.options = options;
        this.git = git;
        this.timeProvider = timeProvider;
        root = options.ApiUrl.AbsoluteUri.EndsWith('/') ? options.ApiUrl : new Uri(options.ApiUrl.AbsoluteUri + "/");
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<GitHubCodeHost>();
        handler = new GitHubHandler(root, options.Token, timeProvider, logger);
        octokit = GitHubOctokit.Create(handler, root, options.Token);
        api = new GitHubApi(octokit, root, () => Secrets);
        pages = api.Connection;
        client = new GitHubClient(handler, root, options.Token);
        merger = new GitHubMerger(client, api, options, timeProvider, logger);
        reviewerAccounts = new ReviewerAccounts(api, token => new GitHubApi(GitHubOctokit.Create(handler, root, token), root, () => Secrets), options.Reviewers);
        GitEnvironment = GitCredentials.Environment(options.Token);
    }

    /// <summary>The token as git's <c>http.extraHeader</c>, through <c>GIT_CONFIG_*</c> variables only.</summary>
    public IReadOnlyDictionary<string, string> GitEnvironment { get; }

    private string[] Secrets => [options.Token, .. options.Reviewers.Select(r => r.Token ?? "")];

    public async Task<RepositoryInfo> GetRepositoryAsync(string repository, CancellationToken cancellationToken = default)
    {
        var name = GitHubRepositoryName.Parse(repository);
        Octokit.Repository found;
        try
        {
            found = await octokit.Repository.Get(name.Owner, name.Name);
        }
        catch (Octokit.NotFoundException)
        {
            throw new SquadException(SquadErrorCode.InvalidInput,
                $"GitHub has no repository '{name}' that the token can see; check the repository in the configuration and the token's access");
        }
        catch (Octokit.ApiException exception)
        {
            throw Failure(exception, HttpMethod.Get, name.Path);
        }

        return new RepositoryInfo { Name = repository, FetchUrl = WithoutCredentials(found.CloneUrl), DefaultBranch = found.DefaultBranch };
    }

    /// <summary>Pushes without force, so a push that does not fast-forward the branch is refused.</summary>
    public async Task PushAsync(string repository, string worktreePath, string branch, CancellationToken cancellationToken = default)
    {
        var info = await GetRepositoryAsync(repository, cancellationToken);
        if (!await git.IsValidRefNameAsync("refs/heads/" + branch, cancellationToken))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"'{branch}' is not a valid branch name; name the branch without spaces or '..'");
        }

        var result = await git.TryRunAsync(worktreePath, GitCredentials.PushArguments(info.FetchUrl, branch), extraEnvironment: GitEnvironment, cancellationToken: cancellationToken);
        if (!result.Succeeded)
        {
            var reason = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .FirstOrDefault(l => l.StartsWith('!') || l.StartsWith("error:", StringComparison.Ordinal) || l.StartsWith("fatal:", StringComparison.Ordinal))
                ?? "git gave no reason";
            throw new SquadException(SquadErrorCode.Git, GitHubErrors.Scrub(
                $"GitHub refused the push of {branch} to '{repository}': {reason}; a push must fast-forward the branch and the token needs write access",
                [options.Token, GitEnvironment["GIT_CONFIG_VALUE_0"]]));
        }
    }

    /// <summary>The open pull request of the branch, else its newest one (merged or closed).</summary>
    public async Task<PullRequest?> FindPullRequestAsync(string repository, string branch, CancellationToken cancellationToken = default)
    {
        var name = GitHubRepositoryName.Parse(repository);
        var filter = new Octokit.PullRequestRequest { Head = $"{name.Owner}:{branch}", State = Octokit.ItemStateFilter.All };
        var pulls = await Read(HttpMethod.Get, $"{name.Path}/pulls", () => octokit.PullRequest.GetAllForRepository(name.Owner, name.Name, filter, Pages));
        var chosen = pulls.Where(p => p.Head.Ref == branch)
            .OrderByDescending(p => p.State == "open")
            .ThenByDescending(p => p.Number)
            .FirstOrDefault();
        return chosen is null ? null : GitHubMapper.ToPullRequest(chosen);
    }

    /// <summary>Opens a pull request; when GitHub answers that one already exists for the branch, returns that one.</summary>
    public async Task<PullRequest> CreatePullRequestAsync(string repository, NewPullRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var name = GitHubRepositoryName.Parse(repository);
        var body = new Octokit.NewPullRequest(request.Title, request.HeadBranch, request.BaseBranch) { Body = request.Body };
        string detail;
        try
        {
            return GitHubMapper.ToPullRequest(await octokit.PullRequest.Create(name.Owner, name.Name, body));
        }
        catch (Octokit.ApiValidationException exception)
        {
            detail = GitHubOctokit.Detail(exception);
        }
        catch (Octokit.ApiException exception)
        {
            throw Failure(exception, HttpMethod.Post, $"{name.Path}/pulls");
        }

        if (detail.Contains("already exists", StringComparison.OrdinalIgnoreCase)
            && await FindPullRequestAsync(repository, request.HeadBranch, cancellationToken) is { } existing)
        {
            return existing;
        }

        throw GitHubErrors.PullRequestRefused(name.ToString(), request.HeadBranch, request.BaseBranch, detail);
    }

    public async Task<PullRequest> GetPullRequestAsync(string repository, int number, CancellationToken cancellationToken = default)
        => GitHubMapper.ToPullRequest(await RequirePullAsync(GitHubRepositoryName.Parse(repository), number, cancellationToken));

    public async Task<IReadOnlyList<PullRequestCommit>> ListCommitsAsync(string repository, int number, CancellationToken cancellationToken = default)
    {
        var name = GitHubRepositoryName.Parse(repository);
        var commits = await Read(HttpMethod.Get, $"{name.Path}/pulls/{number}/commits", () => octokit.PullRequest.Commits(name.Owner, name.Name, number));
        return [.. commits.Select(GitHubMapper.ToCommit)];
    }

    public async Task<IReadOnlyList<Review>> ListReviewsAsync(string repository, int number, CancellationToken cancellationToken = default)
    {
        var name = GitHubRepositoryName.Parse(repository);
        var pull = await RequirePullAsync(name, number, cancellationToken);
        var reviews = await ReviewMapper.ReadAsync(api, name, number);
        var roles = await reviewerAccounts.ResolveAsync(cancellationToken);
        return ReviewMapper.ToReviews(reviews, reviewerAccounts.Orchestrator ?? pull.User?.Login ?? "", roles);
    }

    public async Task<IReadOnlyList<PullRequestComment>> ListCommentsAsync(string repository, int number, CancellationToken cancellationToken = default)
    {
        var name = GitHubRepositoryName.Parse(repository);
        // Not Issue.Comment.GetAllForIssue: it adds sort= and direction=, which this route does not have (the contract tests caught it).
        var comments = await Read(HttpMethod.Get, $"{name.Path}/issues/{number}/comments",
            () => pages.GetAll<Octokit.IssueComment>(Octokit.ApiUrls.IssueComments(name.Owner, name.Name, number), Pages));
        return [.. comments.Select(GitHubMapper.ToComment)];
    }

    /// <summary>
    /// A reviewer with its own token leaves a real review; one without leaves a COMMENT review that starts with a
    /// <see cref="VerdictMarker"/>, and sets its commit status (success for approve, failure for request changes).
    /// </summary>
    public async Task<Review> SubmitReviewAsync(string repository, int number, ReviewSubmission review, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        var name = GitHubRepositoryName.Parse(repository);
        var reviewer = options.Reviewers.FirstOrDefault(r => string.Equals(r.Login, review.Reviewer.Login, StringComparison.OrdinalIgnoreCase));
        var ownToken = reviewer?.Token;
        var body = new Octokit.PullRequestReviewCreate
        {
            CommitId = review.CommitSha,
            Body = ownToken is null ? VerdictMarker.Prepend(review.Reviewer.Login, review.Verdict, review.CommitSha, review.Body) : review.Body,
            Event = ownToken is null ? Octokit.PullRequestReviewEvent.Comment : review.Verdict switch
            {
                Verdict.Approve => Octokit.PullRequestReviewEvent.Approve,
                Verdict.RequestChanges => Octokit.PullRequestReviewEvent.RequestChanges,
                _ => Octokit.PullRequestReviewEvent.Comment,
            },
        };
        // A reviewer with a token of its own posts as itself: its own Octokit client, on the same handler (one write at a time).
        var poster = ownToken is null ? octokit : GitHubOctokit.Create(handler, root, ownToken);
        var posted = await Read(HttpMethod.Post, $"{name.Path}/pulls/{number}/reviews", () => poster.PullRequest.Review.Create(name.Owner, name.Name, number, body));
        if (ownToken is null && review.Verdict != Verdict.Comment)
        {
            await SetStatusAsync(name, review, reviewer?.StatusContext ?? ChecksSummary.OwnContextPrefix + review.Reviewer.Login, cancellationToken);
        }

        return new Review
        {
            Id = posted.Id,
            Author = review.Reviewer.Login,
            Verdict = review.Verdict,
            Body = review.Body,
            CommitSha = review.CommitSha,
            SubmittedAt = posted.SubmittedAt == default ? timeProvider.GetUtcNow() : posted.SubmittedAt,
        };
    }

    public async Task<PullRequestComment> CommentAsync(string repository, int number, Identity author, string body, CancellationToken cancellationToken = default)
    {
        var name = GitHubRepositoryName.Parse(repository);
        var posted = await Read(HttpMethod.Post, $"{name.Path}/issues/{number}/comments", () => octokit.Issue.Comment.Create(name.Owner, name.Name, number, body));
        return GitHubMapper.ToComment(posted);
    }

    /// <summary>Commit statuses and check runs on the commit, Squad's own <c>squad/*</c> statuses left out.</summary>
    public async Task<ChecksResult> GetChecksAsync(string repository, string sha, CancellationToken cancellationToken = default)
    {
        var name = GitHubRepositoryName.Parse(repository);
        return ChecksSummary.Combine(await ChecksSummary.ReadAsync(api, name, sha));
    }

    public Task<MergeResult> MergeAsync(string repository, int number, MergeRequest request, CancellationToken cancellationToken = default)
        => merger.MergeAsync(GitHubRepositoryName.Parse(repository), number, request, cancellationToken);

    public Task<bool> HasMergeQueueAsync(string repository, string baseBranch, CancellationToken cancellationToken = default)
        => merger.HasMergeQueueAsync(GitHubRepositoryName.Parse(repository), baseBranch, cancellationToken);

    public void Dispose()
    {
        reviewerAccounts.Dispose();
        client.Dispose();
        handler.Dispose();
    }

    private Task<Octokit.PullRequest> RequirePullAsync(GitHubRepositoryName name, int number, CancellationToken cancellationToken)
        => merger.RequirePullAsync(name, number, cancellationToken);

    /// <summary>Credentials travel in <see cref="GitEnvironment"/>, never in a remote URL.</summary>
    private static string WithoutCredentials(string cloneUrl)
        => Uri.TryCreate(cloneUrl, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0
            ? new UriBuilder(uri) { UserName = "", Password = "" }.Uri.AbsoluteUri
            : cloneUrl;

    private async Task SetStatusAsync(GitHubRepositoryName name, ReviewSubmission review, string context, CancellationToken cancellationToken)
    {
        var approved = review.Verdict == Verdict.Approve;
        var status = new Octokit.NewCommitStatus
        {
            State = approved ? Octokit.CommitState.Success : Octokit.CommitState.Failure,
            Context = context,
            Description = $"{review.Reviewer.Login} {(approved ? "approves" : "requests changes on")} {review.CommitSha[..Math.Min(12, review.CommitSha.Length)]}",
        };
        await Read(HttpMethod.Post, $"{name.Path}/statuses/{review.CommitSha}", () => octokit.Repository.Status.Create(name.Owner, name.Name, review.CommitSha, status));
    }

    /// <summary>An Octokit call, its failure in Squad's one-line wording (the API root's path in front, as GitHub sees it).</summary>
    private Task<T> Read<T>(HttpMethod method, string path, Func<Task<T>> call)
        => GitHubOctokit.CallAsync(method, PathOf(path), Secrets, call);

    private SquadException Failure(Octokit.ApiException exception, HttpMethod method, string path)
        => GitHubOctokit.FromOctokit(exception, method, PathOf(path), Secrets);

    private string PathOf(string path) => options.ApiUrl.AbsolutePath.TrimEnd('/') + "/" + path;
}
