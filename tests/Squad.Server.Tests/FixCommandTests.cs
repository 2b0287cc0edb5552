using System.Text.Json;
using Squad.Cli;
using Squad.Testing;

namespace Squad.Server.Tests;

/// <summary>
/// <c>/squad fix</c> end to end: a Sentry-style stub on the sample repository, the scripted model, the local forge, and a
/// fake Slack API on loopback capturing the progress thread.
/// </summary>
public sealed class FixCommandTests : IDisposable
{
    private const string BotToken = "xoxb-1111111111-2222222222-fix-test";
    private const string ThreadTs = "1700000000.000200";
    private const string SentryToken = "sntryu_fix-test-0123456789abcdef0123456789";

    private readonly CheckoutSample sample = new();

    public void Dispose() => sample.Dispose();

    [Fact]
    public async Task FixCommand_SentryStub_DiagnosesTestsFixesReviewsAndMerges_EachStepInTheThreadTrackerAndPullRequest()
    {
        await using var responses = LoopbackServer.Start();
        responses.Enqueue(Enumerable.Range(0, 5).Select(_ => LoopbackResponse.Json("{}")));
        await using var chat = LoopbackServer.Start();
        chat.Enqueue(Enumerable.Range(0, 60).Select(_ => LoopbackResponse.Json($$"""{"ok":true,"channel":"C0CHANNEL","ts":"{{ThreadTs}}"}""")));
        await using var sentry = LoopbackServer.Start();
        sentry.Enqueue(LoopbackResponse.Json(SentryWire.CartRemoveEvent));
        var launcher = new CliMilestoneLauncher(
            new MilestoneRunSettings
            {
                Sandbox = Squad.Testing.TestSandbox.Create(),
                Request = new RunTargetRequest { Reference = "" },
                DataDirectory = sample.DataDirectory,
                Model = "scripted",
                Variables = name => name switch
                {
                    "SENTRY_AUTH_TOKEN" => SentryToken,
                    "SENTRY_API_URL" => sentry.BaseAddress.ToString(),
                    _ => null,
                },
            },
            sample.Bugs);
        await using var slack = await SlackHarness.StartAsync(launcher, configure: o => o with { BotToken = BotToken, ApiBaseUrl = chat.BaseAddress });

        using var ack = await slack.CommandAsync("fix CHK-41", responseUrl: responses.Url("hooks/1"));
        Assert.StartsWith("Started bug fix r1 for CHK-41: a diagnosis first", await SlackHarness.ReplyTextAsync(ack), StringComparison.Ordinal);
        var run = slack.Service<RunRegistry>().Find("r1")!;
        await run.Settled.WaitAsync(TimeSpan.FromMinutes(10));

        Assert.Equal(RunState.Finished, run.State);
        var thread = Thread(chat.Requests);
        AssertInOrder(thread,
            "Run r1 started: fix CHK-41",
            "CHK-41: read the latest event of https://sentry.example.com/organizations/acme/issues/4711/: InvalidOperationException: Sequence contains no matching element",
            "CHK-41: Diagnostician pass 1",
            "CHK-41: diagnosis: Cart.Remove(sku) looks the line up with Enumerable.First",
            "CHK-41: regression check: the regression test fails before the fix, as it should",
            "CHK-41: PR #1 open",
            "CHK-41: review round 1",
            "CHK-41: merged as ",
            "Run r1 finished");
        Assert.Contains(thread, t => t.StartsWith("CHK-41: diagnosis:", StringComparison.Ordinal)
            && t.Contains("```\nScenario: Removing a SKU that is not in the cart leaves the cart unchanged\n  Given a cart with 2 \"MUG\" at 3.50", StringComparison.Ordinal));
        var verdicts = new[] { "CHK-41: Code Reviewer: Approve", "CHK-41: QA Specialist: Approve" }.Select(v => thread.IndexOf(v)).ToList();
        Assert.All(verdicts, i => Assert.InRange(i, Find(thread, "CHK-41: PR #1 open"), Find(thread, "CHK-41: merged as ")));
        Assert.Contains("• CHK-41 merged: local-forge://checkout/pull/1", thread[^1], StringComparison.Ordinal);
        Assert.Equal("/api/0/organizations/acme/issues/4711/events/latest/", Assert.Single(sentry.Requests).Path);
        Assert.DoesNotContain(thread, t => t.Contains(SentryToken, StringComparison.Ordinal));

        var posted = responses.Requests.Select(r => Text(r.Body)).ToList();
        Assert.InRange(posted.Count, 4, RunNotifier.ResponseUrlPosts);
        Assert.Contains(posted, p => p.StartsWith("CHK-41: diagnosis:", StringComparison.Ordinal));
        Assert.StartsWith("Run r1 finished", posted[^1], StringComparison.Ordinal);
        await AssertTrackerAndPullRequestCarryTheDiagnosisAsync();
    }

    /// <summary>The same run, seen from the tracker and the code host (one run: each costs minutes of builds).</summary>
    private async Task AssertTrackerAndPullRequestCarryTheDiagnosisAsync()
    {
        var comments = await File.ReadAllTextAsync(Path.Combine(sample.Bugs, "CHK-41.comments.md"));
        var diagnosis = comments.IndexOf("## Diagnosis", StringComparison.Ordinal);
        Assert.True(diagnosis >= 0 && diagnosis < comments.IndexOf("Squad opened PR #1", StringComparison.Ordinal), comments);
        Assert.Contains("```gherkin\nScenario: Removing a SKU that is not in the cart leaves the cart unchanged", comments, StringComparison.Ordinal);
        var issue = await File.ReadAllTextAsync(Path.Combine(sample.Bugs, "CHK-41.md"));
        Assert.Contains("state: done", issue, StringComparison.Ordinal);
        using var host = CliHost.Open(sample.DataDirectory);
        var pullRequest = await host.Forge.GetPullRequestAsync("checkout", 1);
        Assert.Contains("## Diagnosis", pullRequest.Body, StringComparison.Ordinal);
        Assert.Contains("**Regression test:** the regression test fails before the fix, as it should", pullRequest.Body, StringComparison.Ordinal);
        var squad = await host.Store.GetSquadAsync(sample.Bugs, "CHK-41");
        Assert.NotNull(squad?.Diagnosis);
    }

    private static int Find(List<string> thread, string prefix) => thread.FindIndex(t => t.StartsWith(prefix, StringComparison.Ordinal));

    private static void AssertInOrder(List<string> thread, params string[] prefixes)
    {
        var positions = prefixes.Select(p => Find(thread, p)).ToList();
        Assert.True(!positions.Contains(-1), $"missing {string.Join(", ", prefixes.Where((_, i) => positions[i] < 0))} in:\n{string.Join('\n', thread)}");
        Assert.Equal(positions.Order(), positions);
    }

    private static List<string> Thread(IReadOnlyList<LoopbackRequest> requests)
    {
        var messages = requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.All(requests, r => Assert.Equal("Bearer " + BotToken, r.Headers["Authorization"]));
        Assert.False(messages[0].TryGetProperty("thread_ts", out _));
        Assert.All(messages.Skip(1), m => Assert.Equal(ThreadTs, m.GetProperty("thread_ts").GetString()));
        return [.. messages.Select(m => m.GetProperty("text").GetString()!)];
    }

    private static string Text(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("text").GetString()!;
    }
}
