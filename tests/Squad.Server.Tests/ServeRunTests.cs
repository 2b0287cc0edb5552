using System.Text.Json;
using Squad.Cli;
using Squad.Testing;

namespace Squad.Server.Tests;

public sealed class ServeRunTests : IDisposable
{
    private const string BotToken = "xoxb-1111111111-2222222222-serve-test";
    private const string ThreadTs = "1700000000.000100";

    private readonly NotesMilestone notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task RunCommand_LocalMilestone_MergesInTheBackgroundAndReportsToResponseUrlAndOneThread()
    {
        await using var responses = LoopbackServer.Start();
        responses.Enqueue(Enumerable.Range(0, 5).Select(_ => LoopbackResponse.Json("{}")));
        await using var chat = LoopbackServer.Start();
        chat.Enqueue(Enumerable.Range(0, 60).Select(_ => LoopbackResponse.Json($$"""{"ok":true,"channel":"C0CHANNEL","ts":"{{ThreadTs}}"}""")));
        var launcher = new CliMilestoneLauncher(new MilestoneRunSettings
        {
            Sandbox = Squad.Testing.TestSandbox.Create(),
            Request = new RunTargetRequest { Reference = "" },
            DataDirectory = notes.DataDirectory,
            Model = "scripted",
        });
        await using var slack = await SlackHarness.StartAsync(launcher, configure: o => o with { BotToken = BotToken, ApiBaseUrl = chat.BaseAddress });

        using var ack = await slack.CommandAsync($"run {notes.Milestone}", responseUrl: responses.Url("hooks/1"));
        Assert.StartsWith("Started run r1", await SlackHarness.ReplyTextAsync(ack), StringComparison.Ordinal);
        var run = slack.Service<RunRegistry>().Find("r1")!;
        await run.Settled.WaitAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(RunState.Finished, run.State);
        Assert.Contains("state: done", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md")), StringComparison.Ordinal);
        var posted = responses.Requests.Select(r => Text(r.Body)).ToList();
        Assert.InRange(posted.Count, 3, RunNotifier.ResponseUrlPosts);
        Assert.StartsWith("Run r1 started", posted[0], StringComparison.Ordinal);
        Assert.Contains("NOTE-1: PR #1 open", posted, StringComparer.Ordinal);
        Assert.StartsWith("Run r1 finished", posted[^1], StringComparison.Ordinal);
        Assert.Contains("• NOTE-1 merged: local-forge://notes/pull/1", posted[^1], StringComparison.Ordinal);
        Assert.Contains("• NOTE-2 refused", posted[^1], StringComparison.Ordinal);
        AssertThread(chat.Requests);
    }

    private static void AssertThread(IReadOnlyList<LoopbackRequest> requests)
    {
        Assert.All(requests, r => Assert.Equal("/chat.postMessage", r.Path));
        Assert.All(requests, r => Assert.Equal("Bearer " + BotToken, r.Headers["Authorization"]));
        var messages = requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.All(messages, m => Assert.Equal("C0CHANNEL", m.GetProperty("channel").GetString()));
        Assert.False(messages[0].TryGetProperty("thread_ts", out _));
        Assert.All(messages.Skip(1), m => Assert.Equal(ThreadTs, m.GetProperty("thread_ts").GetString()));
        var texts = messages.Select(m => m.GetProperty("text").GetString()!).ToList();
        var order = new[] { "Run r1 started", "NOTE-1: PR #1 open", "NOTE-1: merged as ", "Run r1 finished" }
            .Select(step => texts.FindIndex(t => t.StartsWith(step, StringComparison.Ordinal)))
            .ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Equal(texts.Count - 1, order[^1]);
    }

    private static string Text(string body)
    {
        using var json = JsonDocument.Parse(body);
        Assert.Equal("in_channel", json.RootElement.GetProperty("response_type").GetString());
        return json.RootElement.GetProperty("text").GetString()!;
    }
}
