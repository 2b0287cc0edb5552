namespace Squad.Cli.Tests;

public sealed class BadInputTests : IDisposable
{
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Run_MissingMilestoneFolder_ExitsNonZeroWithOneLine()
    {
        var result = await CliResult.RunAsync("run", Path.Combine(notes.Milestone, "nope"), "--data-dir", notes.DataDirectory);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: milestone folder", line, StringComparison.Ordinal);
        Assert.Contains("nope", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NegativeQueueLookahead_NamesTheFlagAndWritesNothing()
    {
        var result = await notes.RunAsync("--queue-lookahead", "-1");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("--queue-lookahead must be 0 or more, not -1", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(notes.BareRepository));
        Assert.Empty(TreeFolders.Leftovers(notes.DataDirectory));
    }

    [Fact]
    public async Task Run_MalformedIssueFile_NamesTheFile()
    {
        notes.WriteIssue("NOTE-9.md", "---\nidentifier: NOTE-9\ntitle: [unclosed\n---\nbody\n");

        var result = await notes.RunAsync();

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("NOTE-9.md", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(notes.BareRepository));
    }

    [Fact]
    public async Task Run_UnknownToolInAgentDefinitions_NamesTheToolAndTheFile()
    {
        var agents = Path.Combine(notes.DataDirectory, "..", "agents");
        Directory.CreateDirectory(agents);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "agents")))
        {
            File.Copy(file, Path.Combine(agents, Path.GetFileName(file)));
        }

        var developer = Path.Combine(agents, "developer.yaml");
        await File.WriteAllTextAsync(developer, (await File.ReadAllTextAsync(developer)).Replace("commit, comment, finish]", "commit, comment, deploy]", StringComparison.Ordinal));

        var result = await notes.RunAsync("--agents", agents);

        Assert.Equal(3, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("developer.yaml", line, StringComparison.Ordinal);
        Assert.Contains("unknown tool 'deploy'", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ScriptRunsOutOfResponses_EndsThatSquadOnlyAndResumesOnceFixed()
    {
        var original = await File.ReadAllTextAsync(notes.Script);
        var cut = original[..original.IndexOf("    developer:", StringComparison.Ordinal)];
        await File.WriteAllTextAsync(notes.Script, cut);

        var failed = await notes.RunAsync();

        // The exhausted script ends its squad, not the run: the other issue is still judged, and the run exits 1.
        Assert.Equal(1, failed.ExitCode);
        Assert.Equal("failed", failed.Squad("NOTE-1").GetProperty("outcome").GetString());
        Assert.Contains("scripted model ran out of responses for NOTE-1 developer pass 1", failed.Squad("NOTE-1").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal("refused", failed.Squad("NOTE-2").GetProperty("outcome").GetString());
        Assert.Empty(TreeFolders.Leftovers(notes.DataDirectory));
        var worktrees = await new Squad.Core.Git.GitCli().RunAsync(Path.Combine(notes.DataDirectory, "clones", "notes.git"), ["worktree", "list"]);
        Assert.Single(worktrees.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        await File.WriteAllTextAsync(notes.Script, original);
        var resumed = await notes.RunAsync();

        Assert.Equal("merged", resumed.Squad("NOTE-1").GetProperty("outcome").GetString());
        var authors = resumed.Squad("NOTE-1").GetProperty("pullRequest").GetProperty("commits").EnumerateArray()
            .Select(c => c.GetProperty("author").GetString()).ToList();
        Assert.Equal(["Squad QA", "Squad Developer"], authors);
    }

    [Fact]
    public async Task Status_UnknownRun_ExitsNonZeroWithOneLine()
    {
        var result = await CliResult.RunAsync("status", "run-missing", "--data-dir", notes.DataDirectory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run 'run-missing' is not in", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://linear.app/acme/settings/api", "linear.app")]
    [InlineData("https://example.com/acme/project/x", "linear.app")]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f/overview", "--milestone")]
    public async Task Run_UnacceptedUrl_ExitsNonZeroSayingWhatIsAccepted(string url, string hint)
    {
        var result = await CliResult.RunAsync("run", url, "--data-dir", notes.DataDirectory);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error:", line, StringComparison.Ordinal);
        Assert.Contains(hint, line, StringComparison.Ordinal);
    }
}
