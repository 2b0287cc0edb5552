using System.Text.Json;

namespace Squad.Cli.Tests;

public sealed class SweepCommandTests : IDisposable
{
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    private string ConfigFile => Path.Combine(notes.Milestone, "..", "squad.yml");

    [Fact]
    public async Task Sweep_ReadyIssueInFlightIssueAndIssueWithAnOpenPullRequest_StartsOnlyTheReadyOneAndSaysWhy()
    {
        SweepSeeds.WriteReadyIssues(notes.Milestone);
        File.WriteAllText(ConfigFile, """
            sweeps:
              - name: ready
                cron: "*/30 * * * *"
                project: milestone
                label: squad-ready
            """);
        var pullRequest = await SweepSeeds.OpenPullRequestAsync(notes.DataDirectory, notes.Repository);
        var inFlight = await SweepSeeds.SeedRunningSquadAsync(notes.DataDirectory, notes.Milestone);

        var first = await SweepAsync("ready");

        Assert.Equal(0, first.ExitCode);
        var milestone = Milestone(first);
        Assert.Equal(["NOTE-1"], milestone.GetProperty("started").EnumerateArray().Select(e => e.GetString()));
        var merged = milestone.GetProperty("run").GetProperty("squads").EnumerateArray().Single();
        Assert.Equal(("NOTE-1", "merged"), (merged.GetProperty("issue").GetString(), merged.GetProperty("outcome").GetString()));
        var skipped = Skipped(milestone);
        Assert.Equal(["NOTE-3", "NOTE-4"], skipped.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("in-flight", skipped["NOTE-3"].GetProperty("kind").GetString());
        Assert.Contains($"its squad (run {inFlight}) last reported 5 min ago", skipped["NOTE-3"].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("open-pull-request", skipped["NOTE-4"].GetProperty("kind").GetString());
        Assert.Equal(pullRequest, skipped["NOTE-4"].GetProperty("pullRequest").GetInt32());
        Assert.Contains("state: done", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md")), StringComparison.Ordinal);
        Assert.DoesNotContain("squad:", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-3.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_RunAgain_StartsNothingNewAndCreatesNoRun()
    {
        SweepSeeds.WriteReadyIssues(notes.Milestone);
        File.WriteAllText(ConfigFile, "sweeps:\n  - name: ready\n    cron: \"*/30 * * * *\"\n    project: milestone\n    label: squad-ready\n");
        await SweepSeeds.OpenPullRequestAsync(notes.DataDirectory, notes.Repository);
        await SweepSeeds.SeedRunningSquadAsync(notes.DataDirectory, notes.Milestone);
        await SweepAsync("ready");
        var runsBefore = await SweepSeeds.CountRunsAsync(notes.DataDirectory);
        var mainBefore = await notes.GitAsync("rev-parse", "main");

        var second = await SweepAsync("ready");

        Assert.Equal(0, second.ExitCode);
        var milestone = Milestone(second);
        Assert.Empty(milestone.GetProperty("started").EnumerateArray());
        Assert.False(milestone.TryGetProperty("run", out _));
        var skipped = Skipped(milestone);
        Assert.Equal(["done", "in-flight", "open-pull-request"], new[] { "NOTE-1", "NOTE-3", "NOTE-4" }.Select(i => skipped[i].GetProperty("kind").GetString()));
        Assert.Equal("already done in the tracker", skipped["NOTE-1"].GetProperty("reason").GetString());
        Assert.Equal(runsBefore, await SweepSeeds.CountRunsAsync(notes.DataDirectory));
        Assert.Equal(mainBefore, await notes.GitAsync("rev-parse", "main"));
    }

    [Fact]
    public async Task Sweep_NoNameOverAMilestone_RunsEverySweepAndPrintsATableAndStaysGreenWhenAnIssueIsRefused()
    {
        File.WriteAllText(ConfigFile, $"sweeps:\n  - name: notes\n    cron: \"0 2 * * 1-5\"\n    milestones: [ {notes.Milestone} ]\n");

        var result = await CliResult.RunAsync("sweep", "--config", ConfigFile, "--data-dir", notes.DataDirectory, "--model", "scripted");

        // A refused issue waits for refinement: nothing failed, so a scheduled sweep stays green.
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Sweep notes", result.Output, StringComparison.Ordinal);
        var rows = result.Output.Split('\n');
        Assert.Contains(rows, r => r.Contains("NOTE-1", StringComparison.Ordinal) && r.Contains("started", StringComparison.Ordinal) && r.Contains("merged", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("NOTE-2", StringComparison.Ordinal) && r.Contains("refused", StringComparison.Ordinal));
        Assert.Contains("2 started, 0 skipped", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_UnknownName_ListsTheConfiguredSweeps()
    {
        File.WriteAllText(ConfigFile, $"sweeps:\n  - name: nightly\n    cron: \"0 2 * * *\"\n    milestones: [ {notes.Milestone} ]\n  - name: hourly\n    cron: \"0 * * * *\"\n    milestones: [ {notes.Milestone} ]\n");

        var result = await SweepAsync("weekly");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal($"error: no sweep named 'weekly' in {Path.GetFullPath(ConfigFile)}: configured sweeps are nightly, hourly", line);
        Assert.False(Directory.Exists(notes.BareRepository));
    }

    [Fact]
    public async Task Sweep_NoSweepsConfigured_SaysToAddThemToSquadYml()
    {
        var result = await CliResult.RunAsync("sweep", "--data-dir", notes.DataDirectory);

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: no sweeps configured in {Path.Combine(notes.DataDirectory, "squad.yml")}: add a 'sweeps:' list to squad.yml", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sweep_InvalidConfiguration_FailsWithOneLineBeforeRunningAnything()
    {
        File.WriteAllText(ConfigFile, $"sweeps:\n  - name: nightly\n    cron: \"0 2 1 * 1\"\n    milestones: [ {notes.Milestone} ]\n");

        var result = await SweepAsync("nightly");

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("sweep 'nightly': cron '0 2 1 * 1' restricts both day of month and day of week", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(notes.BareRepository));
    }

    private Task<CliResult> SweepAsync(string name)
        => CliResult.RunAsync("sweep", name, "--config", ConfigFile, "--data-dir", notes.DataDirectory, "--model", "scripted", "--json");

    private static JsonElement Milestone(CliResult result)
        => Assert.Single(Assert.Single(result.Json().GetProperty("sweeps").EnumerateArray()).GetProperty("milestones").EnumerateArray());

    private static Dictionary<string, JsonElement> Skipped(JsonElement milestone)
        => milestone.GetProperty("skipped").EnumerateArray().ToDictionary(s => s.GetProperty("issue").GetString()!);
}
