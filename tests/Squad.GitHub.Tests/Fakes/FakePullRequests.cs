using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using static Squad.GitHub.Tests.Fakes.FakeGitHubApi;

namespace Squad.GitHub.Tests.Fakes;

/// <summary>Pull request operations of <see cref="FakeGitHub"/>, with GitHub's refusals: a second PR for a head (422), self-approval (422), a moved head (409), an unmergeable PR (405).</summary>
internal static class FakePullRequests
{
    public static async Task CreateAsync(HttpContext context, FakeGitHub fake)
    {
        var body = Body(context);
        var head = (string)body["head"]!;
        var baseBranch = (string)body["base"]!;
        if (await fake.Repository.HeadAsync(head) is null)
        {
            await Validation(context, new JsonObject { ["resource"] = "PullRequest", ["field"] = "head", ["code"] = "invalid" });
            return;
        }

        FakePull? pull = null;
        lock (fake.Gate)
        {
            if (!fake.Pulls.Any(p => p.Head == head && p.State == "open"))
            {
                pull = new FakePull { Number = fake.Pulls.Count + 1, Title = (string)body["title"]!, Body = (string?)body["body"] ?? "", Head = head, Base = baseBranch, Author = Login(context) };
                fake.Pulls.Add(pull);
            }
        }

        if (pull is null)
        {
            await Validation(context, new JsonObject { ["resource"] = "PullRequest", ["code"] = "custom", ["message"] = $"A pull request already exists for {FakeGitHub.Owner}:{head}." });
            return;
        }

        await Json(context, 201, await ToJsonAsync(fake, pull, read: false));
    }

    public static async Task<JsonObject> ToJsonAsync(FakeGitHub fake, FakePull pull, bool read)
    {
        bool? mergeable = true;
        if (read)
        {
            lock (fake.Gate)
            {
                if (pull.MergeableUnknownReads > 0)
                {
                    pull.MergeableUnknownReads--;
                    mergeable = null;
                }
            }
        }

        var baseSha = await fake.Repository.HeadAsync(pull.Base) ?? "";
        var headSha = await HeadShaAsync(fake, pull);
        if (mergeable is not null && pull.State == "open")
        {
            mergeable = await fake.Repository.MergesCleanlyAsync(baseSha, headSha);
        }

        // GitHub reports "behind" when strict required checks need the head to contain the base's tip.
        var behind = pull.State == "open" && fake.BranchRules.Strict && !await fake.Repository.IsAncestorAsync(baseSha, headSha);
        return FakeGitHubJson.Pull(fake, pull, headSha, baseSha, mergeable, behind);
    }

    public static async Task<string> HeadShaAsync(FakeGitHub fake, FakePull pull)
        => pull.HeadShaWhenClosed ?? await fake.Repository.HeadAsync(pull.Head) ?? "";

    public static async Task ReviewAsync(HttpContext context, FakeGitHub fake, FakePull pull)
    {
        var body = Body(context);
        var login = Login(context);
        var action = (string?)body["event"];
        if (action is "APPROVE" or "REQUEST_CHANGES" && login == pull.Author)
        {
            var verb = action == "APPROVE" ? "approve" : "request changes on";
            await Json(context, 422, new JsonObject { ["message"] = "Unprocessable Entity", ["errors"] = new JsonArray($"Can not {verb} your own pull request") });
            return;
        }

        var review = new FakeReview
        {
            Id = fake.NextId(),
            Number = pull.Number,
            Login = login,
            State = action switch { "APPROVE" => "APPROVED", "REQUEST_CHANGES" => "CHANGES_REQUESTED", "COMMENT" => "COMMENTED", _ => "PENDING" },
            Body = (string?)body["body"] ?? "",
            CommitId = (string?)body["commit_id"] ?? await HeadShaAsync(fake, pull),
            SubmittedAt = fake.Now,
        };
        Locked(fake, () => { fake.Reviews.Add(review); return 0; });
        await Json(context, 200, FakeGitHubJson.Review(fake, review));
    }

    public static async Task MergeAsync(HttpContext context, FakeGitHub fake, FakePull pull)
    {
        var body = Body(context);
        var head = await HeadShaAsync(fake, pull);
        if (pull.State != "open" || pull.RefuseMerge is not null)
        {
            await Json(context, 405, new JsonObject { ["message"] = pull.RefuseMerge ?? "Pull Request is not mergeable" });
            return;
        }

        if ((string?)body["sha"] is { } sha && sha != head)
        {
            await Json(context, 409, new JsonObject { ["message"] = "Head branch was modified. Review and try the merge again." });
            return;
        }

        if (fake.BranchRules.Strict && !await fake.Repository.IsAncestorAsync((await fake.Repository.HeadAsync(pull.Base))!, head))
        {
            await Json(context, 405, new JsonObject { ["message"] = "Head branch is out of date. Review and try the merge again." });
            return;
        }

        if (fake.BeforeMerge is { } beforeMerge)
        {
            await beforeMerge();
        }

        var merged = await fake.Repository.SquashAsync(pull.Base, head, (string?)body["commit_title"] ?? pull.Title, (string?)body["commit_message"] ?? "");
        if (merged is null)
        {
            await Json(context, 405, new JsonObject { ["message"] = "Merge conflict" });
            return;
        }

        lock (fake.Gate)
        {
            pull.State = "closed";
            pull.HeadShaWhenClosed = head;
            pull.MergeCommitSha = merged;
            pull.MergedAt = fake.Now;
        }

        await Json(context, 200, new JsonObject { ["sha"] = merged, ["merged"] = true, ["message"] = "Pull Request successfully merged" });
    }

    private static Task Validation(HttpContext context, JsonObject error)
        => Json(context, 422, new JsonObject { ["message"] = "Validation Failed", ["errors"] = new JsonArray(error), ["documentation_url"] = "https://docs.github.com/rest/pulls/pulls#create-a-pull-request" });
}
