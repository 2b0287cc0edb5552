using Squad.Core.Forge;

namespace Squad.GitHub;

/// <summary>GitHub's wire shapes to Squad's forge records.</summary>
internal static class GitHubMapper
{
    public static PullRequest ToPullRequest(Octokit.PullRequest pull) => new()
    {
        Number = pull.Number,
        Title = pull.Title,
        Body = pull.Body ?? "",
        HeadBranch = pull.Head.Ref,
        BaseBranch = pull.Base.Ref,
        HeadSha = pull.Head.Sha,
        State = pull.State.StringValue == "open" ? PullRequestState.Open : pull.MergedAt is null ? PullRequestState.Closed : PullRequestState.Merged,
        Author = pull.User?.Login ?? "",
        Url = pull.HtmlUrl,
        MergeCommitSha = pull.MergedAt is null ? null : pull.MergeCommitSha,
    };

    public static PullRequestComment ToComment(Octokit.IssueComment comment) => new()
    {
        Id = comment.Id,
        Author = comment.User?.Login ?? "",
        Body = comment.Body ?? "",
        CreatedAt = comment.CreatedAt,
    };

    public static PullRequestCommit ToCommit(Octokit.PullRequestCommit commit) => new()
    {
        Sha = commit.Sha,
        AuthorName = commit.Commit.Author?.Name ?? "",
        AuthorEmail = commit.Commit.Author?.Email ?? "",
        Message = commit.Commit.Message,
    };
}
