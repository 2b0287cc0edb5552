using Squad.Storage;

namespace Squad.Cli.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Report_AfterARun_WritesOneSelfContainedHtmlFile()
    {
        var runId = (await notes.RunAsync()).Json().GetProperty("run").GetProperty("id").GetString()!;
        var file = Path.Combine(notes.DataDirectory, "report.html");

        var result = await CliResult.RunAsync("report", runId, "--data-dir", notes.DataDirectory, "--output", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains($"wrote {file}: the report of run {runId}", result.Output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(file);
        Assert.Contains("<script type=\"application/json\" id=\"squad-data\">", html, StringComparison.Ordinal);
        Assert.Contains("\"issue\":\"NOTE-1\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("stylesheet", html, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';", html, StringComparison.Ordinal);
        Assert.False(File.Exists(file + ".tmp"));
    }

    [Fact]
    public async Task Report_UnknownRun_OneLineExit2AndNoFile()
    {
        await EmptyStateAsync();
        var file = Path.Combine(notes.DataDirectory, "report.html");

        var result = await CliResult.RunAsync("report", "run-nope", "--data-dir", notes.DataDirectory, "--output", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"error: run 'run-nope' is not in {notes.DataDirectory}: 'squad status' shows the latest run", result.Error.Trim());
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task Report_NoDataDirectory_OneLineExit2AndCreatesNothing()
    {
        var missing = Path.Combine(notes.DataDirectory, "nowhere");

        var result = await CliResult.RunAsync("report", "--data-dir", missing, "--output", Path.Combine(notes.DataDirectory, "x.html"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith($"error: no Squad data in {missing}: pass the --data-dir of your runs", result.Error.Trim(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing));
    }

    [Fact]
    public async Task Report_OutputInAMissingFolder_OneLineExit2()
    {
        await EmptyStateAsync();
        var file = Path.Combine(notes.DataDirectory, "no-such-folder", "r.html");

        var result = await CliResult.RunAsync("report", "run-1", "--data-dir", notes.DataDirectory, "--output", file);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not exist; create it or choose another file", result.Error, StringComparison.Ordinal);
    }

    /// <summary>A data directory with Squad's state database and no run in it.</summary>
    private async Task EmptyStateAsync()
    {
        Directory.CreateDirectory(notes.DataDirectory);
        using var store = new SqliteRunStore(Path.Combine(notes.DataDirectory, "squad.db"), TimeProvider.System);
        await store.ListRunsAsync();
    }
}
