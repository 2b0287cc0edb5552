using Squad.Cli;
using Squad.Core;

namespace Squad.Server.Tests;

public sealed class SlackServeSweepTests : IDisposable
{
    private readonly NotesMilestone notes = new();

    public void Dispose() => notes.Dispose();

    private string ConfigFile => Path.Combine(notes.Milestone, "..", "squad.yml");

    [Fact]
    public void ReadOptions_ConfigWithSweeps_HandsThemToTheScheduler()
    {
        File.WriteAllText(ConfigFile, "sweeps:\n  - name: nightly\n    cron: \"0 2 * * 1-5\"\n    time_zone: Europe/Paris\n    milestones: [ milestone ]\n    channel: C0SWEEPS\n");

        var options = SlackServe.ReadOptions(Request(ConfigFile), Secret);

        var sweep = Assert.Single(options.Sweeps);
        Assert.Equal(("nightly", "0 2 * * 1-5", "Europe/Paris", "C0SWEEPS"), (sweep.Name, sweep.Cron, sweep.TimeZone, sweep.Channel));
        Assert.Equal([Path.GetFullPath(notes.Milestone)], sweep.Milestones);
    }

    [Fact]
    public void ReadOptions_DataDirectoryWithoutConfig_SchedulesNothing()
    {
        var options = SlackServe.ReadOptions(Request(null), Secret);

        Assert.Empty(options.Sweeps);
    }

    [Fact]
    public void ReadOptions_MalformedSweep_RefusesToStartWithOneLine()
    {
        File.WriteAllText(ConfigFile, "sweeps:\n  - name: nightly\n    cron: \"0 2 * * 1-5\"\n    project: milestone\n");

        var error = Assert.Throws<SquadException>(() => SlackServe.ReadOptions(Request(ConfigFile), Secret));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.Contains("sweep 'nightly' has a project but no filter", error.Message, StringComparison.Ordinal);
    }

    private ServeRequest Request(string? configFile) => new()
    {
        Urls = "http://127.0.0.1:0",
        Runs = new MilestoneRunSettings { Sandbox = Squad.Testing.TestSandbox.Create(), Request = new RunTargetRequest { Reference = "", ConfigFile = configFile }, DataDirectory = notes.DataDirectory },
    };

    private static string? Secret(string name) => name == "SLACK_SIGNING_SECRET" ? "secret-123456" : null;
}
