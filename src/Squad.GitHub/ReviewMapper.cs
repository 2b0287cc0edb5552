using Squad.Core.Domain;
using Squad.Core.Forge;

namespace Squad.GitHub;

/// <summary>
/// GitHub reviews back to Squad's verdicts, for both setups: a real review by a reviewer's own token counts by its
/// state; a COMMENT review by the orchestrator's account counts by its
/// <see cref="VerdictMarker"/>, for the login the marker names. Dismissed and pending reviews do not count. Reviews
/// by a reviewer token's account are credited to that reviewer's role login.
/// </summary>
internal static class ReviewMapper
{
    /// <summary>Every review of the pull request, oldest first, a hundred to a page.</summary>
    public static Task<IReadOnlyList<Octokit.PullRequestReview>> ReadAsync(GitHubApi api, GitHubRepositoryName name, int number)
        => api.CallAsync(HttpMethod.Get, $"{name.Path}/pulls/{number}/reviews", () => api.Octokit.PullRequest.Review.GetAll(name.Owner, name.Name, number, GitHubApi.Pages));

    public static IReadOnlyList<Review> ToReviews(IEnumerable<Octokit.PullRequestReview> reviews, string orchestrator, IReadOnlyDictionary<string, string> roleByAccount)
    {
        var result = new List<Review>();
        foreach (var review in reviews)
        {
            if (ToReview(review, orchestrator) is { } mapped)
            {
                result.Add(roleByAccount.TryGetValue(mapped.Author, out var role) ? mapped with { Author = role } : mapped);
            }
        }

        return result;
    }

    private static Review? ToReview(Octokit.PullRequestReview review, string orchestrator)
    {
        var login = review.User?.Login ?? "";
        var sha = review.CommitId ?? "";
        var submitted = review.SubmittedAt == default ? DateTimeOffset.MinValue : review.SubmittedAt;
        switch (review.State.StringValue)
        {
            case "APPROVED":
                return Create(review, login, Verdict.Approve, review.Body ?? "", sha, submitted);
            case "CHANGES_REQUESTED":
                return Create(review, login, Verdict.RequestChanges, review.Body ?? "", sha, submitted);
            case "COMMENTED":
                // Only the orchestrator's own marker speaks for a reviewer, and only about the commit it was left on.
                if (login == orchestrator
                    && VerdictMarker.TryParse(review.Body, out var reviewer, out var verdict, out var markedSha, out var rest)
                    && string.Equals(markedSha, sha, StringComparison.OrdinalIgnoreCase))
                {
                    return Create(review, reviewer, verdict, rest, sha, submitted);
                }

                return Create(review, login, Verdict.Comment, review.Body ?? "", sha, submitted);
            default:
                return null;
        }
    }

    private static Review Create(Octokit.PullRequestReview review, string author, Verdict verdict, string body, string sha, DateTimeOffset submitted) => new()
    {
        Id = review.Id,
        Author = author,
        Verdict = verdict,
        Body = body,
        CommitSha = sha,
        SubmittedAt = submitted,
    };
}
