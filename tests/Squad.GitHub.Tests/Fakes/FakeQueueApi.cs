using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Squad.GitHub.Tests.Fakes.FakeGitHubApi;

namespace Squad.GitHub.Tests.Fakes;

/// <summary>
/// The fake's routes for merging under branch rules: rules and classic protection of a branch, refs and git commits,
/// <c>update-branch</c>, and GitHub's GraphQL endpoint for the merge queue (<c>enqueuePullRequest</c> and the queue state).
/// </summary>
internal static class FakeQueueApi
{
    private const string Repo = "/repos/{owner}/{repo}";

    public static void Map(WebApplication app, FakeGitHub fake, Func<Func<HttpContext, Task>, RequestDelegate> handle)
    {
        app.MapGet(Repo + "/rules/branches/{**branch}", handle(c => Json(c, 200, new JsonArray([.. Locked(fake, () => fake.BranchRules.Rules.Select(r => r.DeepClone()).ToList())]))));
        app.MapGet(Repo + "/branches/{branch}/protection/required_status_checks", handle(c => ClassicAsync(c, fake)));
        app.MapGet(Repo + "/git/ref/heads/{**branch}", handle(c => RefAsync(c, fake)));
        app.MapGet(Repo + "/git/commits/{sha}", handle(c => GitCommitAsync(c, fake)));
        app.MapPut(Repo + "/pulls/{number:int}/update-branch", handle(c => WithPull(c, fake, p => UpdateBranchAsync(c, fake, p))));
        app.MapPost("/graphql", c => FakeGraphQL.AnswerAsync(c, fake));
    }

    private static Task WithPull(HttpContext context, FakeGitHub fake, Func<FakePull, Task> handler)
    {
        var number = int.Parse((string)context.Request.RouteValues["number"]!, System.Globalization.CultureInfo.InvariantCulture);
        var pull = Locked(fake, () => fake.Pulls.FirstOrDefault(p => p.Number == number));
        return pull is null ? Json(context, 404, new JsonObject { ["message"] = "Not Found" }) : handler(pull);
    }

    private static Task ClassicAsync(HttpContext context, FakeGitHub fake)
    {
        var (forbidden, checks) = Locked(fake, () => (fake.BranchRules.ProtectionForbidden, fake.BranchRules.RequiredStatusChecks?.DeepClone()));
        return forbidden
            ? Json(context, 403, new JsonObject { ["message"] = "Resource not accessible by integration", ["documentation_url"] = "https://docs.github.com/rest" })
            : checks is null
                ? Json(context, 404, new JsonObject { ["message"] = "Branch not protected", ["documentation_url"] = "https://docs.github.com/rest" })
                : Json(context, 200, checks);
    }

    private static async Task RefAsync(HttpContext context, FakeGitHub fake)
    {
        var branch = (string)context.Request.RouteValues["branch"]!;
        var sha = await fake.Repository.HeadAsync(branch);
        await (sha is null
            ? Json(context, 404, new JsonObject { ["message"] = "Not Found" })
            : Json(context, 200, new JsonObject
            {
                ["ref"] = "refs/heads/" + branch,
                ["node_id"] = "REF_" + branch,
                ["url"] = $"{fake.BaseAddress}repos/{FakeGitHub.FullName}/git/refs/heads/{branch}",
                ["object"] = new JsonObject { ["type"] = "commit", ["sha"] = sha, ["url"] = $"{fake.BaseAddress}repos/{FakeGitHub.FullName}/git/commits/{sha}" },
            }));
    }

    private static async Task GitCommitAsync(HttpContext context, FakeGitHub fake)
    {
        var sha = (string)context.Request.RouteValues["sha"]!;
        var fields = await fake.Repository.Git.TryRunAsync(fake.Repository.BarePath, ["show", "-s", "--format=%T%x1f%P%x1f%an%x1f%ae%x1f%B", sha + "^{commit}", "--"]);
        if (!fields.Succeeded)
        {
            await Json(context, 404, new JsonObject { ["message"] = "Not Found" });
            return;
        }

        var parts = fields.StandardOutput.Split('\x1f');
        var author = new JsonObject { ["name"] = parts[2], ["email"] = parts[3], ["date"] = fake.Now.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture) };
        await Json(context, 200, new JsonObject
        {
            ["sha"] = sha,
            ["node_id"] = "C_" + sha,
            ["url"] = $"{fake.BaseAddress}repos/{FakeGitHub.FullName}/git/commits/{sha}",
            ["author"] = author,
            ["committer"] = author.DeepClone(),
            ["message"] = parts[4].TrimEnd('\n'),
            ["tree"] = new JsonObject { ["sha"] = parts[0], ["url"] = $"{fake.BaseAddress}repos/{FakeGitHub.FullName}/git/trees/{parts[0]}" },
            ["parents"] = new JsonArray([.. parts[1].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => (JsonNode)new JsonObject { ["sha"] = p })]),
        });
    }

    /// <summary>Merges the base into the head branch (a real merge commit), as GitHub's "Update branch" does; 422 when the head is not the expected one.</summary>
    private static async Task UpdateBranchAsync(HttpContext context, FakeGitHub fake, FakePull pull)
    {
        var head = await FakePullRequests.HeadShaAsync(fake, pull);
        if ((string?)Body(context)["expected_head_sha"] is { } expected && expected != head)
        {
            await Json(context, 422, new JsonObject { ["message"] = "expected head sha didn't match current head ref." });
            return;
        }

        var merged = await fake.Repository.MergeIntoAsync(pull.Head, pull.Base, $"Merge branch '{pull.Base}' into {pull.Head}");
        await (merged is null
            ? Json(context, 422, new JsonObject { ["message"] = "merge conflict between base and head" })
            : Json(context, 202, new JsonObject { ["message"] = "Updating pull request branch.", ["url"] = $"https://github.example/{FakeGitHub.FullName}/pull/{pull.Number}" }));
    }
}
