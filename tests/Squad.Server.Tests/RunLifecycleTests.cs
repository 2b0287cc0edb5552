using System.Diagnostics;
using Squad.Testing;
using Xunit.Abstractions;

namespace Squad.Server.Tests;

public sealed class RunLifecycleTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Stop_RunningRun_CancelsItAndPostsThatItCanResume()
    {
        var launcher = new FakeLauncher(hold: true);
        await using var responses = LoopbackServer.Start();
        responses.Enqueue(Enumerable.Range(0, 5).Select(_ => LoopbackResponse.Json("{}")));
        await using var slack = await SlackHarness.StartAsync(launcher);
        using var started = await slack.CommandAsync("run ./milestone", responseUrl: responses.Url("hook"));
        var token = await launcher.Running.Task.WaitAsync(TimeSpan.FromSeconds(10));

        using var stop = await slack.CommandAsync("stop r1");

        Assert.Contains("Stopping run r1", await SlackHarness.ReplyTextAsync(stop), StringComparison.Ordinal);
        await slack.Service<RunRegistry>().Find("r1")!.Settled.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(token.IsCancellationRequested);
        Assert.Equal(2, responses.Requests.Count);
        Assert.Contains("started", responses.Requests[0].Body, StringComparison.Ordinal);
        Assert.Contains("stopped with /squad stop", responses.Requests[1].Body, StringComparison.Ordinal);
        Assert.Contains("\"in_channel\"", responses.Requests[1].Body, StringComparison.Ordinal);
        using var status = await slack.CommandAsync("status r1");
        Assert.Contains("r1 stopped", await SlackHarness.ReplyTextAsync(status), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LauncherFails_PostsWhyAndTheNextRunStillStarts()
    {
        var launcher = new FakeLauncher(failWith: new Squad.Core.SquadException(Squad.Core.SquadErrorCode.InvalidInput, "milestone folder ./nowhere does not exist"));
        await using var responses = LoopbackServer.Start();
        responses.Enqueue(Enumerable.Range(0, 4).Select(_ => LoopbackResponse.Json("{}")));
        await using var slack = await SlackHarness.StartAsync(launcher);

        using var first = await slack.CommandAsync("run ./nowhere", responseUrl: responses.Url("hook"));
        using var second = await slack.CommandAsync("run ./nowhere-either", responseUrl: responses.Url("hook"));
        await slack.Service<RunRegistry>().Find("r2")!.Settled.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(RunState.Failed, slack.Service<RunRegistry>().Find("r1")!.State);
        Assert.Equal(RunState.Failed, slack.Service<RunRegistry>().Find("r2")!.State);
        Assert.Equal(["./nowhere", "./nowhere-either"], launcher.Started);
        Assert.Equal(4, responses.Requests.Count);
        Assert.Contains("Run r1 failed: milestone folder ./nowhere does not exist", responses.Requests[1].Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopHost_RunInProgress_CancelsAndWaitsForIt()
    {
        var launcher = new FakeLauncher(hold: true);
        var slack = await SlackHarness.StartAsync(launcher);
        using var started = await slack.CommandAsync("run ./milestone");
        var token = await launcher.Running.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var run = slack.Service<RunRegistry>().Find("r1")!;

        await slack.DisposeAsync();

        Assert.True(token.IsCancellationRequested);
        Assert.Equal(RunState.Stopped, run.State);
        Assert.Equal("stopped: the server is shutting down", run.Latest);
    }

    [Fact]
    public async Task Post_FiftyConcurrentSignedCommands_AllAcknowledgedWithinThreeSeconds()
    {
        var launcher = new FakeLauncher();
        await using var slack = await SlackHarness.StartAsync(launcher);

        // One request first, so the measured ones do not pay for JIT compilation of the whole pipeline.
        using (await slack.CommandAsync("help"))
        {
        }

        // The first burst is the first start of runs on this host; the second shows the steady state.
        foreach (var burst in new[] { "first", "second" })
        {
            var timings = await Task.WhenAll(Enumerable.Range(0, 50).Select(async i =>
            {
                var clock = Stopwatch.StartNew();
                using var response = await slack.CommandAsync($"run ./milestone-{burst}-{i}");
                var text = await SlackHarness.ReplyTextAsync(response);
                return (Elapsed: clock.Elapsed, Text: text);
            }));

            var sorted = timings.Select(t => t.Elapsed.TotalMilliseconds).Order().ToList();
            output.WriteLine($"acknowledgements of 50 concurrent commands, {burst} burst: p50 {sorted[24]:F1} ms, p99 {sorted[48]:F1} ms, max {sorted[49]:F1} ms");
            Assert.All(timings, t => Assert.StartsWith("Started run r", t.Text, StringComparison.Ordinal));
            Assert.All(timings, t => Assert.True(t.Elapsed < TimeSpan.FromSeconds(3), $"acknowledged after {t.Elapsed}"));
        }

        Assert.Equal(100, slack.Service<RunRegistry>().All.Count);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, int seconds = 10)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(seconds), "the condition did not hold in time");
            await Task.Delay(20);
        }
    }
}
