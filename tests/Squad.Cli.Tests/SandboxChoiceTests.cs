namespace Squad.Cli.Tests;

/// <summary>Without a sandbox Squad runs no agent code unless a person says --no-sandbox, and then says so loudly.</summary>
[Collection(ProcessEnvironmentTests.Name)]
public sealed class SandboxChoiceTests : IDisposable
{
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Run_NoBubblewrapOnThePath_Exits11WithHowToInstallAndWritesNothing()
    {
        var saved = Environment.GetEnvironmentVariable("PATH");
        var empty = Directory.CreateTempSubdirectory("squad-no-bwrap-").FullName;
        CliResult result;
        try
        {
            Environment.SetEnvironmentVariable("PATH", empty);
            result = await notes.RunAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("PATH", saved);
            Directory.Delete(empty);
        }

        Assert.Equal(11, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: no sandbox for agent code: bubblewrap is not installed: apt-get install bubblewrap", line, StringComparison.Ordinal);
        Assert.Contains("--no-sandbox", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(notes.DataDirectory, "squad.db")));
    }

    [Fact]
    public async Task Run_NoSandbox_RunsAndSaysSoInTheViewAndThePullRequest()
    {
        var result = await notes.RunAsync("--no-sandbox");

        Assert.Equal("merged", result.Squad("NOTE-1").GetProperty("outcome").GetString());
        Assert.Contains("NO SANDBOX (--no-sandbox)", result.Error, StringComparison.Ordinal);
        // The pull request's body lives in the local forge's SQLite file (and its write-ahead log), as text.
        var forge = Directory.EnumerateFiles(Path.Combine(notes.DataDirectory, "forge"), "*.db*")
            .Select(f => System.Text.Encoding.UTF8.GetString(File.ReadAllBytes(f)));
        Assert.Contains(forge, text => text.Contains("ran with `--no-sandbox`", StringComparison.Ordinal));
    }
}
