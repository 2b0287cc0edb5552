using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Squad.Testing;

namespace Squad.Server.Tests;

public sealed class SweepSchedulerTests : IAsyncLifetime, IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    // A Wednesday, mid-morning: today's 02:30 has passed while the server was down.
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2025, 1, 1, 10, 5, 0, TimeSpan.Zero));
    private readonly LogRecorder logs = new();
    private WebApplication? app;

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit 2 calls IAsyncLifetime.DisposeAsync on a test class, never IAsyncDisposable's.
    ValueTask IAsyncDisposable.DisposeAsync() => new(DisposeAsync());

    public async Task DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Scheduler_NightlySweep_StartsNothingBeforeItsMinuteThenRunsItAndSchedulesTheNext()
    {
        var launcher = new FakeLauncher();
        await StartAsync(launcher, new SweepDefinition { Name = "nightly", Cron = "30 2 * * *", Milestones = ["./milestone"], Channel = "C0SWEEPS" });

        // Not today's missed 02:30: the next one, tomorrow.
        await clock.WaitForTimerAsync(TimeSpan.FromHours(16) + TimeSpan.FromMinutes(25));
        clock.Advance(TimeSpan.FromHours(16) + TimeSpan.FromMinutes(24));
        Assert.Empty(Registry.All);
        Assert.Empty(launcher.Swept);

        clock.Advance(TimeSpan.FromMinutes(1));
        await launcher.Running.Task.WaitAsync(Wait);
        var run = Assert.Single(Registry.All);
        await run.Settled.WaitAsync(Wait);

        Assert.Equal(["nightly"], launcher.Swept);
        Assert.Equal((RunState.Finished, "sweep nightly", "C0SWEEPS"), (run.State, run.Reference, run.ChannelId));
        Assert.Null(run.Request);
        Assert.Equal("`squad sweep nightly`", run.ResumeHint);
        Assert.Equal(new DateTimeOffset(2025, 1, 2, 2, 30, 0, TimeSpan.Zero), run.RequestedAt);
        await clock.WaitForTimerAsync(TimeSpan.FromDays(1));
        Assert.Contains(logs.Messages, m => m.StartsWith("Sweep nightly (30 2 * * *, UTC) next runs at 2025-01-02 02:30:00Z", StringComparison.Ordinal));
        Assert.Contains(logs.Messages, m => m.StartsWith("Sweep nightly (30 2 * * *, UTC) next runs at 2025-01-03 02:30:00Z", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scheduler_SweepStillRunningWhenItIsDueAgain_IsNotQueuedTwice()
    {
        var launcher = new FakeLauncher(hold: true);
        await StartAsync(launcher, new SweepDefinition { Name = "ready-bugs", Cron = "*/30 * * * *", Project = "./bugs", State = "Todo" });
        await clock.WaitForTimerAsync(TimeSpan.FromMinutes(25));
        clock.Advance(TimeSpan.FromMinutes(25));
        await launcher.Running.Task.WaitAsync(Wait);

        await clock.WaitForTimerAsync(TimeSpan.FromMinutes(30));
        clock.Advance(TimeSpan.FromMinutes(30));
        await clock.WaitForTimerAsync(TimeSpan.FromMinutes(30));

        var first = Assert.Single(Registry.All);
        Assert.Equal(RunState.Running, first.State);
        Assert.Contains(logs.Messages, m => m == $"Sweep ready-bugs is due, but its previous run {first.Id} is still Running: this occurrence is skipped");

        launcher.Release();
        await first.Settled.WaitAsync(Wait);
        clock.Advance(TimeSpan.FromMinutes(30));
        await clock.WaitForTimerAsync(TimeSpan.FromMinutes(30));

        Assert.Equal(2, Registry.All.Count);
        Assert.Equal(["ready-bugs", "ready-bugs"], await SweptAsync(launcher, 2));
    }

    [Fact]
    public async Task Status_AfterAScheduledSweep_ListsItLikeOtherRuns()
    {
        var launcher = new FakeLauncher();
        await StartAsync(launcher, new SweepDefinition { Name = "hourly", Cron = "0 * * * *", Milestones = ["./milestone"] });
        await clock.WaitForTimerAsync(TimeSpan.FromMinutes(55));
        clock.Advance(TimeSpan.FromMinutes(55));
        await launcher.Running.Task.WaitAsync(Wait);
        await Registry.All.Single().Settled.WaitAsync(Wait);

        var reply = await CommandAsync("status");

        Assert.Contains("r1 finished: sweep hourly: finished: nothing needs attention", reply, StringComparison.Ordinal);
    }

    private RunRegistry Registry => app!.Services.GetRequiredService<RunRegistry>();

    private async Task StartAsync(FakeLauncher launcher, params SweepDefinition[] sweeps)
    {
        var options = new SlackServerOptions
        {
            SigningSecret = SlackHarness.SigningSecret,
            AllowedUsers = new HashSet<string>([SlackHarness.AllowedUser], StringComparer.Ordinal),
            Urls = ["http://127.0.0.1:0"],
            Sweeps = sweeps,
        };
        var ids = 0;
        app = SquadServer.Create(options, launcher, clock, () => $"r{Interlocked.Increment(ref ids)}", l =>
        {
            l.ClearProviders();
            l.AddProvider(logs);
        });
        await app.StartAsync();
    }

    private async Task<string> CommandAsync(string text)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app!.Urls.Single()) };
        var body = SlackHarness.Form(text);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "slack/commands")
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/x-www-form-urlencoded")),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", new SlackSignatureVerifier(SlackHarness.SigningSecret, clock).Sign(timestamp, Encoding.UTF8.GetBytes(body)));
        using var response = await http.SendAsync(request);
        return await SlackHarness.ReplyTextAsync(response);
    }

    private static async Task<IReadOnlyList<string>> SweptAsync(FakeLauncher launcher, int count)
    {
        using var limit = new CancellationTokenSource(Wait);
        while (launcher.Swept.Count < count)
        {
            await Task.Delay(10, limit.Token);
        }

        return launcher.Swept;
    }
}
