using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary><c>squad fix</c>: the triggered bug fix from the command line, and what it refuses.</summary>
public sealed class FixCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-fix-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public FixCommandTests() => TestDirectories.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "checkout"), root);

    private string Bugs => Path.Combine(root, "bugs");

    private string DataDirectory => Path.Combine(root, "data");

    private const string Stub = """
        ---
        identifier: NOTE-7
        title: "FileNotFoundException: src/farewell.txt"
        state: todo
        labels: [bug]
        ---
        Sentry: https://sentry.example.com/issues/7

        ```
        System.IO.FileNotFoundException: Could not find file 'src/farewell.txt'
           at Notes.Reader.Read(String path) in /build/src/reader.sh:line 2
        ```
        """;

    private static string Stub7(string diagnosticianPasses) => SquadScript.Issue(
        "NOTE-7",
        new("tests/farewell.sh", "grep -q farewell src/farewell.txt\n", "NOTE-7: regression test"),
        new("src/farewell.txt", "farewell, visitor\n", "NOTE-7: write the farewell note"),
        diagnosticianPasses);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>
    /// On the notes repository (shell guardrails), so the whole triggered path stays quick; the C# checkout sample's bug
    /// fix runs end to end under <c>squad serve</c> (Squad.Server.Tests' FixCommandTests) and in the demo.
    /// </summary>
    [Fact]
    public async Task Fix_StubARunRefused_IsDiagnosedFixedAndMergedOnceTriggered()
    {
        using var notes = new NotesFixture();
        notes.RemoveIssue("NOTE-1.md");
        notes.RemoveIssue("NOTE-2.md");
        notes.WriteIssue("NOTE-7.md", Stub);
        await File.AppendAllTextAsync(notes.Script, Stub7(SquadScript.Diagnosis(
            "The farewell note was never written, so reading it fails.",
            "Add src/farewell.txt.",
            "Scenario: The farewell note exists\n  Given the notes repository\n  When a visitor reads src/farewell.txt\n  Then it says farewell")));
        var run = await notes.RunAsync("--model", "scripted");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("refused", run.Squad("NOTE-7").GetProperty("outcome").GetString());
        Assert.Contains("`squad fix NOTE-7`", run.Squad("NOTE-7").GetProperty("reason").GetString(), StringComparison.Ordinal);

        var fix = await CliResult.RunAsync("fix", Path.Combine(notes.Milestone, "NOTE-7.md"), "--model", "scripted", "--data-dir", notes.DataDirectory, "--json");

        Assert.True(fix.ExitCode == 0, fix.Error);
        var squad = fix.Squad("NOTE-7");
        Assert.Equal("merged", squad.GetProperty("outcome").GetString());
        Assert.StartsWith("## Diagnosis", squad.GetProperty("diagnosis").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("the regression test fails before the fix", squad.GetProperty("regressionCheck").GetString(), StringComparison.Ordinal);
        Assert.Equal("diagnostician", fix.Json().GetProperty("roles")[0].GetProperty("role").GetString());
        var commits = squad.GetProperty("pullRequest").GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("author").GetString()).ToList();
        Assert.Equal(["Squad QA", "Squad Developer"], commits);
        Assert.Equal("farewell, visitor", await notes.ShowOnMainAsync("src/farewell.txt"));
        Assert.Equal("grep -q farewell src/farewell.txt", await notes.ShowOnMainAsync("tests/farewell.sh"));
    }

    [Fact]
    public async Task Fix_IssueWithItsOwnCriteria_SkipsTheDiagnosisAndMerges()
    {
        using var notes = new NotesFixture();

        var result = await CliResult.RunAsync("fix", "NOTE-1", "--issues", notes.Milestone, "--model", "scripted", "--data-dir", notes.DataDirectory, "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("merged", result.Squad("NOTE-1").GetProperty("outcome").GetString());
        Assert.DoesNotContain("## Diagnosis", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.comments.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_DiagnosticianSubmitsNothing_HandsTheStubToAPersonAndResumesOnceItDoes()
    {
        using var notes = new NotesFixture();
        notes.WriteIssue("NOTE-7.md", Stub);
        var script = await File.ReadAllTextAsync(notes.Script);
        await File.WriteAllTextAsync(notes.Script, script + Stub7(SquadScript.NoDiagnosis));

        var first = await CliResult.RunAsync("fix", "NOTE-7", "--issues", notes.Milestone, "--model", "scripted", "--data-dir", notes.DataDirectory, "--json");

        Assert.Equal(12, first.ExitCode);
        Assert.Equal("needs-human", first.Squad("NOTE-7").GetProperty("outcome").GetString());
        Assert.StartsWith("the Diagnostician found no diagnosis (it ended without submitting one)", first.Squad("NOTE-7").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("squad:needs-human", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-7.md")), StringComparison.Ordinal);
        Assert.Contains("Squad could not diagnose this bug", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-7.comments.md")), StringComparison.Ordinal);
        Assert.DoesNotContain(
            TreeFolders.Of(notes.DataDirectory).Where(Directory.Exists).SelectMany(folder => Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories)),
            d => File.Exists(Path.Combine(d, ".git")));

        await File.WriteAllTextAsync(notes.Script, script + Stub7(SquadScript.NoDiagnosis + SquadScript.Diagnosis(
            "The farewell note was never written, so reading it fails.",
            "Add src/farewell.txt.",
            "Scenario: The farewell note exists\n  Given the notes repository\n  When a visitor reads src/farewell.txt\n  Then it says farewell")));
        var second = await CliResult.RunAsync("fix", "NOTE-7", "--issues", notes.Milestone, "--model", "scripted", "--data-dir", notes.DataDirectory, "--json");

        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Equal("merged", second.Squad("NOTE-7").GetProperty("outcome").GetString());
        Assert.Equal("farewell, visitor", await notes.ShowOnMainAsync("src/farewell.txt"));
    }

    [Fact]
    public async Task Fix_IdentifierNotInTheIssuesFolder_ExitsWithOneLineNamingTheIssues()
    {
        var result = await CliResult.RunAsync("fix", "CHK-99", "--issues", Bugs, "--model", "scripted", "--data-dir", DataDirectory);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: issue CHK-99 is not in", line, StringComparison.Ordinal);
        Assert.Contains("CHK-41", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the checkout crashes")]
    [InlineData("missing/CHK-41.md")]
    public async Task Fix_TextThatNamesNoIssue_ExitsWithOneLineSayingHowToNameIt(string issue)
    {
        var result = await CliResult.RunAsync("fix", issue, "--data-dir", DataDirectory);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: cannot fix '{issue}'", line, StringComparison.Ordinal);
        Assert.DoesNotContain(TreeFolders.Of(DataDirectory), folder => Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any());
    }

    [Fact]
    public async Task Fix_LinearUrlOfAProject_IsRefusedAsNotAnIssue()
    {
        var result = await CliResult.RunAsync("fix", "https://linear.app/acme/project/checkout-0123456789ab", "--data-dir", DataDirectory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not an issue's", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
