using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Squad.Cli;
using Squad.Cli.Tests;
using Squad.Testing;

namespace Squad.Server.Tests;

/// <summary><c>squad serve</c> with a sweep scheduled, run by the CLI's composition on a copy of the notes milestone, under a fake clock.</summary>
public sealed class ScheduledSweepTests : IAsyncLifetime, IAsyncDisposable
{
    private const string BotToken = "xoxb-1111111111-2222222222-sweep-test";

    private readonly NotesMilestone notes = new();
    private readonly ManualTimeProvider clock = new(new DateTimeOffset(2025, 1, 1, 2, 0, 0, TimeSpan.Zero));
    private readonly LoopbackServer chat = LoopbackServer.Start();
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

        await chat.DisposeAsync();
        notes.Dispose();
    }

    [Fact]
    public async Task ScheduledSweep_AtItsTime_StartsTheNewReadyIssueAndSkipsTheInFlightOneAndTheOneWithAnOpenPullRequest()
    {
        SweepSeeds.WriteReadyIssues(notes.Milestone);
        var pullRequest = await SweepSeeds.OpenPullRequestAsync(notes.DataDirectory, Path.Combine(notes.Milestone, "..", "repo"));
        var inFlight = await SweepSeeds.SeedRunningSquadAsync(notes.DataDirectory, notes.Milestone);
        chat.Enqueue(Enumerable.Range(0, 60).Select(_ => LoopbackResponse.Json("""{"ok":true,"channel":"C0SWEEPS","ts":"1700000000.000100"}""")));
        await StartAsync(new SweepDefinition { Name = "ready", Cron = "0 3 * * *", Project = notes.Milestone, Label = SweepSeeds.ReadyLabel, Channel = "C0SWEEPS" });

        await clock.WaitForTimerAsync(TimeSpan.FromHours(1));
        clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Empty(Registry.All);
        clock.Advance(TimeSpan.FromMinutes(1));
        var first = await SettledAsync("r1");

        Assert.Equal(RunState.Finished, first.State);
        var summary = Texts()[^1];
        Assert.StartsWith("Run r1 finished", summary, StringComparison.Ordinal);
        Assert.Contains("Notes v1: 1 started, 2 skipped", summary, StringComparison.Ordinal);
        Assert.Contains($"• NOTE-1 started, merged: local-forge://notes/pull/{pullRequest + 1}", summary, StringComparison.Ordinal);
        Assert.Contains($"• NOTE-3 skipped: in flight: its squad (run {inFlight})", summary, StringComparison.Ordinal);
        Assert.Contains($"• NOTE-4 skipped: has open pull request #{pullRequest} on {SweepSeeds.OpenBranch}", summary, StringComparison.Ordinal);
        Assert.StartsWith("Run r1 started: sweep ready (on schedule)", Texts()[0], StringComparison.Ordinal);
        Assert.Contains("state: done", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScheduledSweep_NextOccurrence_StartsNothingNew()
    {
        SweepSeeds.WriteReadyIssues(notes.Milestone);
        await SweepSeeds.OpenPullRequestAsync(notes.DataDirectory, Path.Combine(notes.Milestone, "..", "repo"));
        await SweepSeeds.SeedRunningSquadAsync(notes.DataDirectory, notes.Milestone);
        chat.Enqueue(Enumerable.Range(0, 80).Select(_ => LoopbackResponse.Json("""{"ok":true,"channel":"C0SWEEPS","ts":"1700000000.000100"}""")));
        await StartAsync(new SweepDefinition { Name = "ready", Cron = "0 3 * * *", Project = notes.Milestone, Label = SweepSeeds.ReadyLabel, Channel = "C0SWEEPS" });
        await clock.WaitForTimerAsync(TimeSpan.FromHours(1));
        clock.Advance(TimeSpan.FromHours(1));
        await SettledAsync("r1");
        var runs = await SweepSeeds.CountRunsAsync(notes.DataDirectory);

        await clock.WaitForTimerAsync(TimeSpan.FromDays(1));
        clock.Advance(TimeSpan.FromDays(1));
        var second = await SettledAsync("r2");

        Assert.Equal(RunState.Finished, second.State);
        var summary = Texts()[^1];
        Assert.StartsWith("Run r2 finished (squad run none)", summary, StringComparison.Ordinal);
        Assert.Contains("Notes v1: 0 started, 3 skipped", summary, StringComparison.Ordinal);
        Assert.Contains("• NOTE-1 skipped: already done in the tracker", summary, StringComparison.Ordinal);
        Assert.Equal(runs, await SweepSeeds.CountRunsAsync(notes.DataDirectory));
    }

    private RunRegistry Registry => app!.Services.GetRequiredService<RunRegistry>();

    private async Task StartAsync(SweepDefinition sweep)
    {
        var options = new SlackServerOptions
        {
            SigningSecret = SlackHarness.SigningSecret,
            BotToken = BotToken,
            ApiBaseUrl = chat.BaseAddress,
            Urls = ["http://127.0.0.1:0"],
            Sweeps = [sweep],
        };
        var launcher = new CliMilestoneLauncher(new MilestoneRunSettings
        {
            Sandbox = Squad.Testing.TestSandbox.Create(),
            Request = new RunTargetRequest { Reference = "" },
            DataDirectory = notes.DataDirectory,
            Model = "scripted",
        });
        var ids = 0;
        app = SquadServer.Create(options, launcher, clock, () => $"r{Interlocked.Increment(ref ids)}", l => l.ClearProviders());
        await app.StartAsync();
    }

    private async Task<TrackedRun> SettledAsync(string id)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (Registry.Find(id) is null)
        {
            await Task.Delay(10, limit.Token);
        }

        var run = Registry.Find(id)!;
        await run.Settled.WaitAsync(TimeSpan.FromMinutes(3));
        return run;
    }

    private List<string> Texts()
        => [.. chat.Requests.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("text").GetString()!)];
}
