using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using static Squad.GitHub.Tests.Fakes.FakeGitHubApi;

namespace Squad.GitHub.Tests.Fakes;

/// <summary>
/// GitHub's GraphQL endpoint for the two documents Squad sends: the <c>enqueuePullRequest</c> mutation and the pull
/// request's queue state (<c>node(id:)</c>). Answers 200 with <c>data</c> and, on failure, <c>errors</c>, as GraphQL does.
/// </summary>
internal static class FakeGraphQL
{
    public static async Task AnswerAsync(HttpContext context, FakeGitHub fake)
    {
        var body = Body(context);
        var query = (string?)body["query"] ?? "";
        var variables = body["variables"] as JsonObject ?? [];
        Locked(fake, () => { fake.MergeQueue.Documents.Add(body.ToJsonString()); return 0; });
        var id = (string?)variables["pullRequestId"] ?? "";
        var pull = Locked(fake, () => fake.Pulls.FirstOrDefault(p => "PR_" + p.Number == id));
        if (pull is null)
        {
            await Json(context, 200, Error("NOT_FOUND", $"Could not resolve to a node with the global id of '{id}'"));
        }
        else if (query.TrimStart().StartsWith("mutation", StringComparison.Ordinal) && query.Contains("enqueuePullRequest(input:", StringComparison.Ordinal))
        {
            await EnqueueAsync(context, fake, pull, (string?)variables["expectedHeadOid"]);
        }
        else if (query.TrimStart().StartsWith("query", StringComparison.Ordinal) && query.Contains("mergeQueueEntry", StringComparison.Ordinal))
        {
            await StateAsync(context, fake, pull);
        }
        else
        {
            await Json(context, 200, Error("PARSE_ERROR", "the fake GitHub answers only Squad's merge queue documents"));
        }
    }

    private static async Task EnqueueAsync(HttpContext context, FakeGitHub fake, FakePull pull, string? expectedHead)
    {
        var head = await FakePullRequests.HeadShaAsync(fake, pull);
        if (expectedHead is not null && expectedHead != head)
        {
            await Json(context, 200, Error("UNPROCESSABLE", "Expected head oid does not match the pull request's head oid"));
            return;
        }

        if (!fake.BranchRules.MergeQueue || pull.State != "open")
        {
            await Json(context, 200, Error("UNPROCESSABLE", "Pull request is not in a state that can be enqueued"));
            return;
        }

        var position = Locked(fake, () =>
        {
            fake.MergeQueue.Entries[pull.Number] = fake.MergeQueue.PollsBeforeOutcome;
            return fake.MergeQueue.Entries.Count;
        });
        await Json(context, 200, new JsonObject
        {
            ["data"] = new JsonObject { ["enqueuePullRequest"] = new JsonObject { ["mergeQueueEntry"] = Entry(position) } },
        });
    }

    private static async Task StateAsync(HttpContext context, FakeGitHub fake, FakePull pull)
    {
        var (due, reason) = Locked(fake, () =>
        {
            var queue = fake.MergeQueue;
            if (!queue.Entries.TryGetValue(pull.Number, out var polls))
            {
                return (false, (string?)null);
            }

            queue.Entries[pull.Number] = polls - 1;
            return (polls - 1 <= 0, queue.DequeueReason);
        });
        if (due)
        {
            await LeaveQueueAsync(fake, pull, reason);
        }

        var (entry, removed) = Locked(fake, () => (fake.MergeQueue.Entries.ContainsKey(pull.Number), fake.MergeQueue.Removed.GetValueOrDefault(pull.Number)));
        await Json(context, 200, new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["node"] = new JsonObject
                {
                    ["merged"] = pull.MergedAt is not null,
                    ["mergeQueueEntry"] = entry ? Entry(1) : null,
                    ["timelineItems"] = new JsonObject { ["nodes"] = removed is null ? new JsonArray() : new JsonArray(new JsonObject { ["reason"] = removed }) },
                },
            },
        });
    }

    /// <summary>GitHub's queue merges the head as a squash onto the base, or removes it with the reason.</summary>
    private static async Task LeaveQueueAsync(FakeGitHub fake, FakePull pull, string? reason)
    {
        string? merged = null;
        var head = await FakePullRequests.HeadShaAsync(fake, pull);
        if (reason is null)
        {
            merged = await fake.Repository.SquashAsync(pull.Base, head, pull.Title + $" (#{pull.Number})", "");
            reason = merged is null ? "the merge group has a conflict" : null;
        }

        lock (fake.Gate)
        {
            fake.MergeQueue.Entries.Remove(pull.Number);
            if (merged is null)
            {
                fake.MergeQueue.Removed[pull.Number] = reason!;
                return;
            }

            pull.State = "closed";
            pull.HeadShaWhenClosed = head;
            pull.MergeCommitSha = merged;
            pull.MergedAt = fake.Now;
        }
    }

    private static JsonObject Entry(int position) => new() { ["state"] = "QUEUED", ["position"] = position };

    private static JsonObject Error(string type, string message) => new()
    {
        ["data"] = null,
        ["errors"] = new JsonArray(new JsonObject { ["type"] = type, ["message"] = message }),
    };
}
