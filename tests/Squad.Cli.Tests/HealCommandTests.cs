namespace Squad.Cli.Tests;

/// <summary>
/// <c>squad heal</c>, the Healer loop, on the local forge with real git and the sandbox: a red main (its <c>verify</c>
/// suite fails) gets a bug-fix squad with the failure log as its stub; the same cause waits out its cool-down, stops at
/// its budget of attempts, and a fix squad that merges turns main green.
/// </summary>
public sealed class HealCommandTests : IDisposable
{
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Heal_RedMain_RetriesOneCauseWithinItsBudgetAndCoolDownUntilAFixMerges()
    {
        MakeMainRed();
        await File.AppendAllTextAsync(notes.Script,
            SquadScript.Issue("HEAL-1", Test, Fix, SquadScript.NoDiagnosis)
            + SquadScript.Issue("HEAL-2", Test, Fix, SquadScript.Diagnosis(
                "src/farewell.txt was never written, so the smoke suite fails on main.",
                "Add src/farewell.txt.",
                "Scenario: The farewell note exists\n  Given the notes repository\n  When the smoke suite runs\n  Then src/farewell.txt says farewell")));

        // Killed between filing the stub and recording it: the rerun resumes the same attempt and files nothing twice.
        var killed = await RedMain.RunChildAsync(Core.Verification.Healer.IssueFiled, "heal", notes.Milestone, "--data-dir", notes.DataDirectory, "--json");
        Assert.NotEqual(0, killed.ExitCode);
        Assert.True(File.Exists(Path.Combine(notes.Milestone, "HEAL-1.md")), killed.Error);

        var first = await HealAsync();
        Assert.True(first.ExitCode == 12, first.Output + first.Error); // the Diagnostician found nothing: a person
        Assert.Contains("Healer: main is red ('smoke' exits 1 on main", first.Error, StringComparison.Ordinal);
        Assert.Contains("resuming HEAL-1, attempt 1 of 3", first.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(notes.Milestone, "HEAL-2.md"))); // the resumed attempt filed no second stub
        var stub = await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "HEAL-1.md"));
        Assert.Contains("error: src/farewell.txt is missing", stub, StringComparison.Ordinal);
        Assert.DoesNotContain(RedMain.Token, stub, StringComparison.Ordinal);

        var cooling = await HealAsync();
        Assert.Equal(12, cooling.ExitCode);
        Assert.Contains("the same cause as HEAL-1; cooling down until", cooling.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(notes.Milestone, "HEAL-2.md")));

        var spent = await HealAsync("--cool-down-minutes", "0", "--attempts", "1");
        Assert.Equal(12, spent.ExitCode);
        Assert.Contains("its 1 attempts are used up: a person takes it", spent.Error, StringComparison.Ordinal);

        var status = await CliResult.RunAsync("status", "--data-dir", notes.DataDirectory, "--json");
        var healer = Assert.Single(status.Json().GetProperty("healer").EnumerateArray());
        Assert.Equal(1, healer.GetProperty("attempts").GetInt32());
        Assert.Equal("HEAL-1", healer.GetProperty("lastIssue").GetString());

        var fixing = await HealAsync("--cool-down-minutes", "0", "--attempts", "2");
        Assert.True(fixing.ExitCode == 0, fixing.Output + fixing.Error);
        Assert.Equal("merged", fixing.Squad("HEAL-2").GetProperty("outcome").GetString());
        Assert.Equal("passed", fixing.Squad("HEAL-2").GetProperty("verification").GetString());
        Assert.Equal("farewell, visitor", await notes.ShowOnMainAsync("src/farewell.txt"));

        var green = await HealAsync();
        Assert.Equal(0, green.ExitCode);
        Assert.Contains("Healer: main of notes is green", green.Error, StringComparison.Ordinal);
    }

    private static SquadScript.Commit Test => new("tests/farewell.sh", "grep -q farewell src/farewell.txt\n", "Regression test: the farewell note exists");

    private static SquadScript.Commit Fix => new("src/farewell.txt", "farewell, visitor\n", "Write the farewell note");

    private Task<CliResult> HealAsync(params string[] extra)
        => CliResult.RunAsync(["heal", notes.Milestone, "--data-dir", notes.DataDirectory, "--json", .. extra]);

    /// <summary>Main's verify suite needs a file main does not have; its output holds a token that must not reach the stub.</summary>
    private void MakeMainRed()
    {
        File.WriteAllText(Path.Combine(notes.Repository, ".squad.yml"), """
            commands:
              format: sh tools/format.sh
              lint: "! grep -rIl FIXME src tests"
              test: sh tools/run-tests.sh
              smoke: sh tools/smoke.sh
            guardrails:
              after_write: [format]
              before_commit: [lint, test]
              merge: [lint, test]
            verify: [lint, test, smoke]
            protected_paths: [".github/workflows/**", "tools/**"]
            """);
        File.WriteAllText(Path.Combine(notes.Repository, "tools", "smoke.sh"), $$"""
            grep -q farewell src/farewell.txt 2>/dev/null && { echo "smoke: ok"; exit 0; }
            echo "error: src/farewell.txt is missing (token {{RedMain.Token}})"
            exit 1
            """);
    }
}
