using System.Globalization;
using System.Text.Json.Nodes;

namespace Squad.GitHub.Tests.Fakes;

/// <summary>Answers shaped like the examples of GitHub's OpenAPI description (the fields Squad reads, and their neighbours).</summary>
internal static class FakeGitHubJson
{
    public static JsonObject User(string login) => new()
    {
        ["login"] = login,
        ["id"] = Math.Abs(login.GetHashCode(StringComparison.Ordinal)) % 100000,
        ["type"] = "User",
        ["site_admin"] = false,
    };

    public static JsonObject Repository(FakeGitHub fake) => new()
    {
        ["id"] = 1296269,
        ["name"] = FakeGitHub.Repo,
        ["full_name"] = FakeGitHub.FullName,
        ["owner"] = User(FakeGitHub.Owner),
        ["private"] = true,
        ["html_url"] = $"https://github.example/{FakeGitHub.FullName}",
        ["clone_url"] = fake.Repository.BarePath,
        ["default_branch"] = FakeGitHub.DefaultBranch,
    };

    public static JsonObject Pull(FakeGitHub fake, FakePull pull, string headSha, string baseSha, bool? mergeable, bool behind = false) => new()
    {
        ["url"] = $"{fake.BaseAddress}repos/{FakeGitHub.FullName}/pulls/{pull.Number}",
        ["id"] = 1000000 + pull.Number,
        ["number"] = pull.Number,
        ["node_id"] = "PR_" + pull.Number,
        ["state"] = pull.State,
        ["locked"] = false,
        ["title"] = pull.Title,
        ["body"] = pull.Body,
        ["user"] = User(pull.Author),
        ["html_url"] = $"https://github.example/{FakeGitHub.FullName}/pull/{pull.Number}",
        ["draft"] = false,
        ["merged"] = pull.MergedAt is not null,
        ["merged_at"] = Time(pull.MergedAt),
        ["merge_commit_sha"] = pull.MergeCommitSha,
        ["mergeable"] = mergeable,
        ["mergeable_state"] = mergeable is null ? "unknown" : !mergeable.Value ? "dirty" : behind ? "behind" : "clean",
        ["head"] = Ref(fake, pull.Head, headSha),
        ["base"] = Ref(fake, pull.Base, baseSha),
    };

    public static JsonObject Review(FakeGitHub fake, FakeReview review) => new()
    {
        ["id"] = review.Id,
        ["node_id"] = "PRR_" + review.Id,
        ["user"] = User(review.Login),
        ["body"] = review.Body,
        ["state"] = review.State,
        ["html_url"] = $"https://github.example/{FakeGitHub.FullName}/pull/{review.Number}#pullrequestreview-{review.Id}",
        ["commit_id"] = review.CommitId,
        ["submitted_at"] = Time(review.SubmittedAt),
        ["author_association"] = "MEMBER",
    };

    public static JsonObject Comment(FakeGitHub fake, FakeComment comment) => new()
    {
        ["id"] = comment.Id,
        ["node_id"] = "IC_" + comment.Id,
        ["user"] = User(comment.Login),
        ["body"] = comment.Body,
        ["html_url"] = $"https://github.example/{FakeGitHub.FullName}/pull/{comment.Number}#issuecomment-{comment.Id}",
        ["created_at"] = Time(comment.CreatedAt),
        ["updated_at"] = Time(comment.CreatedAt),
        ["author_association"] = "MEMBER",
    };

    public static JsonObject Commit(string[] fields) => new()
    {
        ["sha"] = fields[0],
        ["commit"] = new JsonObject
        {
            ["author"] = new JsonObject { ["name"] = fields[1], ["email"] = fields[2] },
            ["message"] = fields[3].TrimEnd('\n'),
        },
    };

    public static JsonObject Status(FakeStatus status) => new()
    {
        ["state"] = status.State,
        ["context"] = status.Context,
        ["description"] = status.Description,
        ["target_url"] = null,
    };

    public static JsonObject CheckRun(FakeStatus run) => new()
    {
        ["name"] = run.Context,
        ["head_sha"] = run.Sha,
        ["status"] = run.State,
        ["conclusion"] = run.Conclusion,
    };

    public static string? Time(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static JsonObject Ref(FakeGitHub fake, string branch, string sha) => new()
    {
        ["label"] = $"{FakeGitHub.Owner}:{branch}",
        ["ref"] = branch,
        ["sha"] = sha,
        ["repo"] = Repository(fake),
    };
}
