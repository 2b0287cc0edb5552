using Squad.Core;

namespace Squad.Cli.Tests;

public sealed class SweepConfigurationTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "squad-sweeps-" + Guid.NewGuid().ToString("N")[..12]);

    public SweepConfigurationTests() => Directory.CreateDirectory(folder);

    private string ConfigFile => Path.Combine(folder, "squad.yml");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Load_TwoSweeps_ReadsEveryFieldAndResolvesLocalFoldersNextToTheFile()
    {
        Write("""
            repositories:
              ENG: acme/checkout
            sweeps:
              - name: nightly
                cron: "0 2 * * 1-5"
                time_zone: Europe/Paris
                milestones: [ "https://linear.app/acme/project/checkout-1a2b3c4d5e6f/overview#milestone-6f1c2b9e-8a41-4c57-9a38-2d0c5e7a9b11", milestones/v1 ]
                channel: C0123456
                heal: true
              - name: ready-bugs
                cron: "*/30 * * * *"
                project: bugs
                state: Todo
                label: squad-ready
                repository: acme/checkout
                in_flight_after: 90m
            """);

        var sweeps = SweepConfiguration.Load(null, folder);

        Assert.Equal(["nightly", "ready-bugs"], sweeps.Select(s => s.Name));
        var nightly = sweeps[0];
        Assert.Equal(("0 2 * * 1-5", "Europe/Paris", "C0123456"), (nightly.Cron, nightly.TimeZone, nightly.Channel));
        Assert.Equal(Path.Combine(folder, "milestones", "v1"), nightly.Milestones[1]);
        Assert.StartsWith("https://linear.app/acme/project/", nightly.Milestones[0], StringComparison.Ordinal);
        Assert.Null(nightly.Project);
        var bugs = sweeps[1];
        Assert.Equal((Path.Combine(folder, "bugs"), "Todo", "squad-ready", "acme/checkout", "UTC"), (bugs.Project, bugs.State, bugs.Label, bugs.Repository, bugs.TimeZone));
        Assert.Empty(bugs.Milestones);
        Assert.Equal((null, TimeSpan.FromMinutes(90)), (nightly.InFlightAfter, bugs.InFlightAfter));
        Assert.Equal((true, false), (nightly.Heal, bugs.Heal));
        Assert.Equal($"project {Path.Combine(folder, "bugs")} (state Todo, label squad-ready)", bugs.Scope);
    }

    [Fact]
    public void Load_NoFileOrNoSweeps_HasNone()
    {
        Assert.Empty(SweepConfiguration.Load(null, folder));
        Write("repositories:\n  ENG: acme/checkout\n");
        Assert.Empty(SweepConfiguration.Load(ConfigFile, folder));
    }

    [Fact]
    public void Load_NamedConfigFileMissing_SaysToPassAnExistingOne()
    {
        var error = Assert.Throws<SquadException>(() => SweepConfiguration.Load(Path.Combine(folder, "nope.yml"), folder));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.EndsWith("nope.yml' does not exist: pass an existing --config FILE", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- name: nightly\n  milestones: [ m ]", "line 2: sweep 'nightly' has no cron: add a schedule such as cron: \"0 2 * * 1-5\"")]
    [InlineData("- name: nightly\n  cron: \"0 2 * *\"\n  milestones: [ m ]", "line 2: sweep 'nightly': cron '0 2 * *' has 4 fields: write 5 fields")]
    [InlineData("- name: nightly\n  cron: \"0 2 1 * 1\"\n  milestones: [ m ]", "sweep 'nightly': cron '0 2 1 * 1' restricts both day of month and day of week")]
    [InlineData("- name: nightly\n  cron: \"0 2 * * *\"\n  milestones: [ m ]\n  project: p\n  state: Todo", "sweep 'nightly' has both milestones and project: keep one")]
    [InlineData("- name: nightly\n  cron: \"0 2 * * *\"", "sweep 'nightly' names nothing to sweep: add 'milestones:")]
    [InlineData("- name: nightly\n  cron: \"0 2 * * *\"\n  project: p", "sweep 'nightly' has a project but no filter: add 'state: Todo' or 'label: squad-ready'")]
    [InlineData("- name: nightly\n  cron: \"0 2 * * *\"\n  milestones: [ m ]\n  label: ready", "sweep 'nightly' filters milestones by state or label, which only a project takes")]
    [InlineData("- name: nightly\n  cron: \"0 2 * * *\"\n  time_zone: Mars/Olympus\n  milestones: [ m ]", "sweep 'nightly': time zone 'Mars/Olympus' is unknown: use an IANA name")]
    [InlineData("- name: nightly\n  cron: \"0 2 * * *\"\n  milestones: [ a ]\n- name: nightly\n  cron: \"0 3 * * *\"\n  milestones: [ b ]", "line 5: two sweeps are named 'nightly': give each sweep its own name")]
    [InlineData("- cron: \"0 2 * * *\"\n  milestones: [ m ]", "line 2: sweep 1 has no name: add 'name: nightly'")]
    [InlineData("- name: Nightly Run\n  cron: \"0 2 * * *\"\n  milestones: [ m ]", "sweep 'Nightly Run': the name may hold only lower-case letters, digits and '-'")]
    [InlineData("- name: nightly\n  crn: \"0 2 * * *\"\n  milestones: [ m ]", "line 3: sweep 'nightly': unknown key 'crn' (did you mean 'cron'?)")]
    [InlineData("- name: nightly\n  cron: \"0 2 * * *\"\n  project: https://linear.app/acme/issue/ENG-1/x\n  state: Todo", "sweep 'nightly': a sweep's project must be a Linear project URL")]
    [InlineData("nightly: { cron: x }", "'sweeps' must be a list of sweeps")]
    [InlineData("- name: nightly\n  cron: \"0 2 * * *\"\n  milestones: [ m ]\n  heal: often", "sweep 'nightly': 'heal' must be true or false")]
    [InlineData("- name: nightly\n  cron: \"0 2 * * *\"\n  project: https://linear.app/acme/project/checkout-1a2b3c4d5e6f/overview\n  state: Todo\n  heal: true", "sweep 'nightly': 'heal: true' needs milestones")]
    [InlineData("- name: nightly\n  cron: \"0 2 * * *\"\n  milestones: [ m ]\n  in_flight_after: soon", "sweep 'nightly': in_flight_after 'soon' is not a duration like 90m or 2h")]
    public void Load_InvalidSweep_FailsWithOneLineNamingTheFileTheSweepAndTheFix(string sweeps, string expected)
    {
        Write("sweeps:\n" + string.Join('\n', sweeps.Split('\n').Select(line => "  " + line)) + "\n");

        var error = Assert.Throws<SquadException>(() => SweepConfiguration.Load(ConfigFile, folder));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith(ConfigFile + ": line ", error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    private void Write(string yaml) => File.WriteAllText(ConfigFile, yaml);
}
