using System.Text.Json;
using Squad.Testing;

namespace Squad.Cli.Tests.Adversarial;

/// <summary>
/// Each attack of the hostile milestone, asserted on its own: it failed, and the squad went on normally. The attack's
/// own report on main proves it ran in the sandbox (the Developer's commit carried it there).
/// </summary>
[Collection(ProcessEnvironmentTests.Name)]
public sealed class HostileSquadTests(HostileSquadFixture hostile) : IClassFixture<HostileSquadFixture>
{
    [BubblewrapFact]
    public async Task HostileTest_RanInTheSandbox_AndTheSquadMergedNormally()
    {
        // NOTE-2 and NOTE-3 wait for a person (exit 12); nothing failed.
        Assert.True(hostile.Run.ExitCode == 12, $"exit {hostile.Run.ExitCode}: {hostile.Run.Error}");
        Assert.Equal("merged", hostile.Run.Squad("NOTE-1").GetProperty("outcome").GetString());
        Assert.Equal("hello, visitor", await hostile.GitAsync("show", "main:src/greeting.txt"));
        // Its own pid namespace: a handful of processes, none of the orchestrator's.
        Assert.InRange(int.Parse(await hostile.ReportAsync("pids"), System.Globalization.CultureInfo.InvariantCulture), 1, 20);
    }

    [BubblewrapFact]
    public async Task SecretsThroughProcAndEnvironment_AreNotThere()
    {
        Assert.Equal("0", await hostile.ReportAsync("proc-secrets"));
        Assert.Equal("0", await hostile.ReportAsync("env-secrets"));
        var everything = await hostile.GitAsync("log", "--all", "-p", "--format=%B");
        Assert.DoesNotContain(hostile.Canary, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(hostile.Canary, hostile.Run.Output + hostile.Run.Error, StringComparison.Ordinal);
    }

    [BubblewrapFact]
    public async Task WritesOutsideTheWorkTree_Fail()
    {
        // Inside, the data directory, the milestone and $HOME do not exist; a write to their paths lands, at most, in the
        // sandbox's private /tmp (where the data directory of this test lives), never on the host.
        Assert.Equal("", await hostile.ReportAsync("outside"));
        Assert.False(File.Exists(Path.Combine(hostile.DataDirectory, "pwned")));
        Assert.False(File.Exists(Path.Combine(hostile.Root, "pwned")));
        Assert.False(File.Exists(hostile.HomeTarget));
    }

    [BubblewrapFact]
    public async Task ForgeTamper_FailsAndOnlySquadMovesMain()
    {
        Assert.Equal("", await hostile.ReportAsync("forge"));
        var subjects = (await hostile.GitAsync("log", "--format=%s", "main")).Split('\n');
        Assert.Contains(subjects, s => s.StartsWith("NOTE-1:", StringComparison.Ordinal));
        Assert.DoesNotContain(subjects, s => s.StartsWith("NOTE-2:", StringComparison.Ordinal) || s.StartsWith("NOTE-3:", StringComparison.Ordinal));
        var reviewers = Squads().SelectMany(s => s.GetProperty("pullRequest").GetProperty("reviews").EnumerateArray())
            .Select(r => r.GetProperty("author").GetString()).Distinct().Order().ToList();
        Assert.Equal(["squad-code-reviewer", "squad-qa-specialist"], reviewers);
    }

    [BubblewrapFact]
    public async Task CloneThroughDotGit_CannotBeReachedOrRepointed()
    {
        Assert.Equal("", await hostile.ReportAsync("clone"));
        foreach (var config in Directory.EnumerateFiles(Path.Combine(hostile.DataDirectory, "clones"), "config", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain("hooksPath", await File.ReadAllTextAsync(config), StringComparison.OrdinalIgnoreCase);
        }
    }

    [BubblewrapFact]
    public async Task Network_IsOff()
    {
        Assert.Equal("", await hostile.ReportAsync("network"));
        Assert.Equal(0, hostile.Connections);
    }

    [BubblewrapFact]
    public async Task HardLinkOut_Fails()
    {
        Assert.Equal("", await hostile.ReportAsync("hardlink"));
        Assert.DoesNotContain("hardlink-out", await hostile.GitAsync("ls-tree", "-r", "--name-only", "main"), StringComparison.Ordinal);
    }

    [BubblewrapFact]
    public void BackgroundChildren_DoNotOutliveTheirCommand()
    {
        var left = Directory.EnumerateDirectories("/proc")
            .Select(d => Path.Combine(d, "cmdline"))
            .Select(f => { try { return File.ReadAllText(f); } catch (IOException) { return ""; } catch (UnauthorizedAccessException) { return ""; } })
            .Where(c => c.StartsWith("sleep\0" + hostile.Sleep, StringComparison.Ordinal))
            .ToList();
        Assert.Empty(left);
    }

    [BubblewrapFact]
    public void ReviewerRunningTheTests_CannotChangeThePullRequest()
    {
        var commits = Squads().Single(s => s.GetProperty("issue").GetString() == "NOTE-1").GetProperty("pullRequest").GetProperty("commits")
            .EnumerateArray().Select(c => c.GetProperty("author").GetString()).Distinct().Order().ToList();
        Assert.Equal(["Squad Developer", "Squad QA"], commits);
    }

    [BubblewrapFact]
    public async Task BranchSquadYml_DoesNotGovernItsOwnMerge()
    {
        var squad = hostile.Run.Squad("NOTE-2");
        Assert.Equal("needs-human", squad.GetProperty("outcome").GetString());
        Assert.Contains(".squad.yml", squad.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("farewell", await hostile.GitAsync("ls-tree", "-r", "--name-only", "main"), StringComparison.Ordinal);
    }

    [BubblewrapFact]
    public async Task LargeBinary_IsCountedByBytesAndHeld()
    {
        var squad = hostile.Run.Squad("NOTE-3");
        Assert.Equal("needs-human", squad.GetProperty("outcome").GetString());
        Assert.Contains("bytes", squad.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain("blob.bin", await hostile.GitAsync("ls-tree", "-r", "--name-only", "main"), StringComparison.Ordinal);
    }

    private JsonElement.ArrayEnumerator Squads() => hostile.Status.Json().GetProperty("squads").EnumerateArray();
}
