using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;

namespace Squad.GitHub.Tests.Fakes;

/// <summary>The routes of <see cref="FakeGitHub"/>: the operations of GitHub's REST API that Squad uses.</summary>
internal static class FakeGitHubApi
{
    private const string Repo = "/repos/{owner}/{repo}";

    public static void Map(WebApplication app, FakeGitHub fake)
    {
        app.MapGet("/user", c => Json(c, 200, FakeGitHubJson.User(Login(c))));
        app.MapGet(Repo, Handle(fake, c => Json(c, 200, FakeGitHubJson.Repository(fake))));
        app.MapGet(Repo + "/pulls", Handle(fake, c => ListPullsAsync(c, fake)));
        app.MapPost(Repo + "/pulls", Handle(fake, c => FakePullRequests.CreateAsync(c, fake)));
        app.MapGet(Repo + "/pulls/{number:int}", Handle(fake, c => WithPullAsync(c, fake, async p => await Json(c, 200, await FakePullRequests.ToJsonAsync(fake, p, read: true)))));
        app.MapGet(Repo + "/pulls/{number:int}/commits", Handle(fake, c => WithPullAsync(c, fake, p => ListCommitsAsync(c, fake, p))));
        app.MapGet(Repo + "/pulls/{number:int}/reviews", Handle(fake, c => WithPullAsync(c, fake, p => Page(c, fake, Locked(fake, () => fake.Reviews.Where(r => r.Number == p.Number).Select(r => (JsonNode)FakeGitHubJson.Review(fake, r)).ToList())))));
        app.MapPost(Repo + "/pulls/{number:int}/reviews", Handle(fake, c => WithPullAsync(c, fake, p => FakePullRequests.ReviewAsync(c, fake, p))));
        app.MapPut(Repo + "/pulls/{number:int}/merge", Handle(fake, c => WithPullAsync(c, fake, p => FakePullRequests.MergeAsync(c, fake, p))));
        app.MapGet(Repo + "/issues/{number:int}/comments", Handle(fake, c => WithPullAsync(c, fake, p => Page(c, fake, Locked(fake, () => fake.Comments.Where(m => m.Number == p.Number).Select(m => (JsonNode)FakeGitHubJson.Comment(fake, m)).ToList())))));
        app.MapPost(Repo + "/issues/{number:int}/comments", Handle(fake, c => WithPullAsync(c, fake, p => CommentAsync(c, fake, p))));
        app.MapPost(Repo + "/statuses/{sha}", Handle(fake, c => StatusAsync(c, fake)));
        app.MapGet(Repo + "/commits/{sha}/status", Handle(fake, c => CombinedStatusAsync(c, fake)));
        app.MapGet(Repo + "/commits/{sha}/check-runs", Handle(fake, c => CheckRunsAsync(c, fake)));
        FakeQueueApi.Map(app, fake, handler => Handle(fake, handler));
        app.MapDelete(Repo + "/git/refs/heads/{**branch}", Handle(fake, async c =>
        {
            var deleted = await fake.Repository.DeleteBranchAsync((string)c.Request.RouteValues["branch"]!);
            await (deleted ? Empty(c, 204) : Json(c, 422, new JsonObject { ["message"] = "Reference does not exist" }));
        }));
    }

    public static Task Json(HttpContext context, int status, JsonNode json) => FakeGitHub.WriteAsync(context, status, json.ToJsonString());

    public static JsonNode Body(HttpContext context) => JsonNode.Parse((string)context.Items["body"]!)!;

    public static string Login(HttpContext context) => (string)context.Items["login"]!;

    public static T Locked<T>(FakeGitHub fake, Func<T> read)
    {
        lock (fake.Gate)
        {
            return read();
        }
    }

    private static RequestDelegate Handle(FakeGitHub fake, Func<HttpContext, Task> handler) => context =>
        (string?)context.Request.RouteValues["owner"] == FakeGitHub.Owner && (string?)context.Request.RouteValues["repo"] == FakeGitHub.Repo
            ? handler(context)
            : NotFound(context);

    private static Task WithPullAsync(HttpContext context, FakeGitHub fake, Func<FakePull, Task> handler)
    {
        var number = int.Parse((string)context.Request.RouteValues["number"]!, CultureInfo.InvariantCulture);
        var pull = Locked(fake, () => fake.Pulls.FirstOrDefault(p => p.Number == number));
        return pull is null ? NotFound(context) : handler(pull);
    }

    private static Task NotFound(HttpContext context)
        => Json(context, 404, new JsonObject { ["message"] = "Not Found", ["documentation_url"] = "https://docs.github.com/rest" });

    private static async Task Empty(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        await context.Response.CompleteAsync();
    }

    private static async Task ListPullsAsync(HttpContext context, FakeGitHub fake)
    {
        var head = context.Request.Query["head"].ToString();
        var state = context.Request.Query["state"].ToString() is { Length: > 0 } s ? s : "open";
        var pulls = Locked(fake, () => fake.Pulls
            .Where(p => head.Length == 0 || $"{FakeGitHub.Owner}:{p.Head}" == head)
            .Where(p => state == "all" || p.State == state)
            .OrderByDescending(p => p.Number)
            .ToList());
        var items = new List<JsonNode>();
        foreach (var pull in pulls)
        {
            var json = await FakePullRequests.ToJsonAsync(fake, pull, read: false);
            json.Remove("mergeable");
            json.Remove("mergeable_state");
            json.Remove("merged");
            items.Add(json);
        }

        await Page(context, fake, items);
    }

    private static async Task ListCommitsAsync(HttpContext context, FakeGitHub fake, FakePull pull)
    {
        var head = await FakePullRequests.HeadShaAsync(fake, pull);
        var commits = await fake.Repository.CommitsAsync(pull.Base, head);
        await Page(context, fake, [.. commits.Select(c => (JsonNode)FakeGitHubJson.Commit(c))]);
    }

    private static Task CommentAsync(HttpContext context, FakeGitHub fake, FakePull pull)
    {
        var comment = new FakeComment { Id = fake.NextId(), Number = pull.Number, Login = Login(context), Body = (string)Body(context)["body"]!, CreatedAt = fake.Now };
        Locked(fake, () => { fake.Comments.Add(comment); return 0; });
        return Json(context, 201, FakeGitHubJson.Comment(fake, comment));
    }

    private static Task StatusAsync(HttpContext context, FakeGitHub fake)
    {
        var body = Body(context);
        var status = new FakeStatus
        {
            Sha = (string)context.Request.RouteValues["sha"]!,
            Context = (string?)body["context"] ?? "default",
            State = (string)body["state"]!,
            Description = (string?)body["description"] ?? "",
        };
        Locked(fake, () => { fake.Statuses.Add(status); return 0; });
        var json = FakeGitHubJson.Status(status);
        json["id"] = fake.NextId();
        return Json(context, 201, json);
    }

    private static Task CombinedStatusAsync(HttpContext context, FakeGitHub fake)
    {
        var sha = (string)context.Request.RouteValues["sha"]!;
        var latest = Locked(fake, () => fake.Statuses.Where(s => s.Sha == sha && !s.IsCheckRun).GroupBy(s => s.Context).Select(g => g.Last()).ToList());
        var state = latest.Any(s => s.State is "failure" or "error") ? "failure" : latest.Any(s => s.State == "pending") || latest.Count == 0 ? "pending" : "success";
        return Json(context, 200, new JsonObject
        {
            ["state"] = state,
            ["sha"] = sha,
            ["total_count"] = latest.Count,
            ["statuses"] = new JsonArray([.. latest.Select(s => (JsonNode)FakeGitHubJson.Status(s))]),
        });
    }

    private static Task CheckRunsAsync(HttpContext context, FakeGitHub fake)
    {
        var sha = (string)context.Request.RouteValues["sha"]!;
        var runs = Locked(fake, () => fake.Statuses.Where(s => s.Sha == sha && s.IsCheckRun).ToList());
        return Json(context, 200, new JsonObject
        {
            ["total_count"] = runs.Count,
            ["check_runs"] = new JsonArray([.. runs.Select(r => (JsonNode)FakeGitHubJson.CheckRun(r))]),
        });
    }

    /// <summary>One page (<c>per_page</c>, default 30; <c>page</c>, from 1) and a <c>Link</c> header to the next and last.</summary>
    private static Task Page(HttpContext context, FakeGitHub fake, List<JsonNode> items)
    {
        var perPage = int.TryParse(context.Request.Query["per_page"], CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, 100) : 30;
        var page = int.TryParse(context.Request.Query["page"], CultureInfo.InvariantCulture, out var n) ? Math.Max(n, 1) : 1;
        var last = Math.Max(1, (items.Count + perPage - 1) / perPage);
        if (page < last)
        {
            context.Response.Headers.Link = $"<{PageUrl(context, fake, page + 1)}>; rel=\"next\", <{PageUrl(context, fake, last)}>; rel=\"last\"";
        }

        return Json(context, 200, new JsonArray([.. items.Skip((page - 1) * perPage).Take(perPage).Select(i => i.DeepClone())]));
    }

    private static string PageUrl(HttpContext context, FakeGitHub fake, int page)
    {
        var query = new QueryBuilder(context.Request.Query.Where(q => q.Key != "page").SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? ""))))
        {
            { "page", page.ToString(CultureInfo.InvariantCulture) },
        };
        return new Uri(fake.BaseAddress, (context.Request.PathBase.Value + context.Request.Path.Value).TrimStart('/') + query.ToQueryString()).AbsoluteUri;
    }
}
