using Microsoft.Extensions.Logging.Abstractions;
using Squad.Core.Domain;
using Squad.Core.Security;
using Squad.Testing;

namespace Squad.Server.Tests;

public sealed class RunNotifierTests
{
    [Fact]
    public async Task Pump_ManyPullRequests_PostsAtMostFiveToResponseUrlKeepingTheLastForTheSummary()
    {
        await using var responses = LoopbackServer.Start();
        responses.Enqueue(Enumerable.Range(0, 10).Select(_ => LoopbackResponse.Json("{}")));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var http = new HttpClient();
        using var run = Run(responses.Url("hook"), time);
        var notifier = new RunNotifier(run, new SlackResponseClient(http), null, new SecretRedactor([]), time, NullLogger.Instance);

        notifier.Post(SlackUpdate.Started, "started");
        for (var i = 1; i <= 6; i++)
        {
            notifier.Report($"ENG-{i}", SquadStep.PullRequest, $"PR #{i} open");
        }

        notifier.Report("ENG-1", SquadStep.Review, "Code Reviewer: approve");
        notifier.Post(SlackUpdate.Final, "finished");
        notifier.Complete();
        await notifier.PumpAsync();

        var bodies = responses.Requests.Select(r => r.Body).ToList();
        Assert.Equal(5, bodies.Count);
        Assert.Contains("started", bodies[0], StringComparison.Ordinal);
        Assert.Contains("ENG-3: PR #3 open", bodies[3], StringComparison.Ordinal);
        Assert.Contains("finished", bodies[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_SquadThatStopsBeforeReview_PostsWhyToTheThreadButNotEveryPass()
    {
        await using var chat = LoopbackServer.Start();
        chat.Enqueue(Enumerable.Range(0, 10).Select(_ => LoopbackResponse.Json("""{"ok":true,"ts":"1.2"}""")));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var http = new HttpClient { BaseAddress = chat.BaseAddress };
        using var run = Run(null, time);
        var notifier = new RunNotifier(run, new SlackResponseClient(http), new SlackApiClient(http, time), new SecretRedactor([]), time, NullLogger.Instance);

        notifier.Report("ENG-1", SquadStep.QaTests, "QA pass 1");
        notifier.Report("ENG-1", SquadStep.QaTests, "failed: the QA agent made no commit of tests: it ran out of turns");
        notifier.Report("ENG-2", SquadStep.Implementation, "budget exceeded: the issue budget of 10,000 tokens is spent");
        notifier.Report("ENG-3", SquadStep.Diagnosis, "needs a person: the Diagnostician found no diagnosis");
        notifier.Complete();
        await notifier.PumpAsync();

        var texts = chat.Requests.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()).ToList();
        Assert.Equal(
            ["ENG-1: failed: the QA agent made no commit of tests: it ran out of turns", "ENG-2: budget exceeded: the issue budget of 10,000 tokens is spent",
             "ENG-3: needs a person: the Diagnostician found no diagnosis"],
            texts);
    }

    [Fact]
    public async Task Pump_HostileIssueText_IsEscapedSoItCannotPingTheChannelButTheRequesterMentionStays()
    {
        await using var responses = LoopbackServer.Start();
        responses.Enqueue(Enumerable.Range(0, 2).Select(_ => LoopbackResponse.Json("{}")));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var http = new HttpClient();
        using var run = Run(responses.Url("hook"), time);
        var notifier = new RunNotifier(run, new SlackResponseClient(http), null, new SecretRedactor([]), time, NullLogger.Instance);

        notifier.Post(SlackUpdate.Started, "Run r1 started (asked by <@U1>).");
        notifier.Report("ENG-1", SquadStep.Diagnosis, "diagnosis: the title <!channel> & <https://evil.example|click> crashes");
        notifier.Complete();
        await notifier.PumpAsync();

        var texts = responses.Requests.Select(r => System.Text.Json.JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()).ToList();
        Assert.Equal("Run r1 started (asked by <@U1>).", texts[0]);
        Assert.Equal("ENG-1: diagnosis: the title &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt; crashes", texts[1]);
    }

    [Fact]
    public async Task Pump_TextWithASecret_PostsItRedacted()
    {
        await using var responses = LoopbackServer.Start();
        responses.Enqueue(LoopbackResponse.Json("{}"));
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var http = new HttpClient();
        using var run = Run(responses.Url("hook"), time);
        var notifier = new RunNotifier(run, new SlackResponseClient(http), null, new SecretRedactor(["hunter2-secret"]), time, NullLogger.Instance);

        notifier.Post(SlackUpdate.Final, "failed: token hunter2-secret refused");
        notifier.Complete();
        await notifier.PumpAsync();

        Assert.DoesNotContain("hunter2-secret", responses.Requests.Single().Body, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Mask, responses.Requests.Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pump_ThirtyMinutesAfterTheCommand_PostsNothingToResponseUrl()
    {
        await using var responses = LoopbackServer.Start();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var http = new HttpClient();
        using var run = Run(responses.Url("hook"), time);
        var notifier = new RunNotifier(run, new SlackResponseClient(http), null, new SecretRedactor([]), time, NullLogger.Instance);
        time.Advance(RunNotifier.ResponseUrlLifetime);

        notifier.Post(SlackUpdate.Final, "finished");
        notifier.Complete();
        await notifier.PumpAsync();

        Assert.Empty(responses.Requests);
    }

    private static TrackedRun Run(Uri? responseUrl, TimeProvider time) => new()
    {
        Id = "r1",
        Reference = "./milestone",
        Work = (launcher, progress, cancellationToken) => launcher.RunAsync("./milestone", progress, cancellationToken),
        Request = new SlackRequest { UserId = "U1", ChannelId = "C1", Text = "run ./milestone", ResponseUrl = responseUrl },
        ChannelId = "C1",
        ResumeHint = "`/squad run ./milestone` again",
        RequestedAt = time.GetUtcNow(),
    };
}
