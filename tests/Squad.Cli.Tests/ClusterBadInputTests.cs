namespace Squad.Cli.Tests;

/// <summary>Cluster mode's bad input: one line naming what is wrong and what to do, a non-zero exit, nothing written.</summary>
public sealed class ClusterBadInputTests : IDisposable
{
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Run_LocalMilestoneOnAClusterWithoutASharedForge_RefusesInOneLine()
    {
        var result = await CliResult.RunAsync("run", notes.Milestone, "--cluster", "Host=127.0.0.1;Port=1;Username=squad", "--data-dir", notes.DataDirectory, "--no-sandbox");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("cluster mode works on GitHub", line, StringComparison.Ordinal);
        Assert.Contains("--dev-local-forge", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(notes.DataDirectory));
    }

    [Fact]
    public async Task Fix_LocalIssueOnAClusterWithoutASharedForge_RefusesInOneLineSayingToUseGitHub()
    {
        var result = await CliResult.RunAsync("fix", "NOTE-1", "--issues", notes.Milestone, "--cluster", "Host=127.0.0.1;Port=1;Username=squad", "--data-dir", notes.DataDirectory, "--no-sandbox");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("cluster mode works on GitHub", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(notes.DataDirectory));
    }

    [Theory]
    [InlineData("nonsense", 2, "connection string cannot be read")]
    [InlineData("Host=127.0.0.1;Port=1;Username=squad;Database=squad", 6, "cannot be reached")]
    public async Task StopMerges_ClusterThatCannotBeUsed_SaysWhyInOneLineAndWritesNoFile(string connection, int exitCode, string why)
    {
        var result = await CliResult.RunAsync("stop-merges", "--cluster", connection, "--data-dir", notes.DataDirectory);

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains(why, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.False(Directory.Exists(notes.DataDirectory));
    }

    [Fact]
    public async Task Worker_NoConnectionString_SaysWhereToGiveIt()
    {
        var result = await CliResult.RunAsync("worker", "--data-dir", notes.DataDirectory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--cluster", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_UnreachableClusterDatabase_FailsInOneLineWithoutThePassword()
    {
        var result = await CliResult.RunAsync("status", "--cluster", "Host=127.0.0.1;Port=1;Username=squad;Password=hunter2;Timeout=3", "--data-dir", notes.DataDirectory);

        Assert.Equal(6, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("127.0.0.1:1/", line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
    }
}
