using System.Diagnostics;
using Squad.Core.Orchestration;

namespace Squad.Cli.Tests;

/// <summary>
/// squad trace: a recorded run's conversations shown and checked against the audit trail's hashes, a change to what is
/// kept found, and a scripted-model file generated from the recording that replays the run offline to the same commits.
/// </summary>
public sealed class TraceReplayTests(TraceRecording recording) : IClassFixture<TraceRecording>, IDisposable
{
    private readonly NotesFixture recorded = recording.Notes;
    private readonly NotesFixture replayed = new();

    public void Dispose() => replayed.Dispose();

    [Fact]
    public async Task Trace_RecordedRun_GeneratesAScriptThatReplaysToTheSameCommits()
    {
        var first = recording.Run;
        Assert.Equal(0, first.ExitCode);
        var script = Path.Combine(replayed.DataDirectory + "-script.yaml");
        File.Delete(replayed.Script);

        var generated = await CliResult.RunAsync("trace", "NOTE-1", "--data-dir", recorded.DataDirectory, "--script", script);
        var replay = await replayed.RunAsync("--model", $"scripted:{script}");

        Assert.Equal(0, generated.ExitCode);
        Assert.StartsWith($"wrote {script}: 4 pass(es) of NOTE-1", generated.Output, StringComparison.Ordinal);
        Assert.Equal(0, replay.ExitCode);
        Assert.Equal("merged", replay.Squad("NOTE-1").GetProperty("outcome").GetString());
        Assert.Equal(await LogAsync(recorded), await LogAsync(replayed));
        Assert.Equal(Commits(first), Commits(replay));
    }

    [Fact]
    public async Task Trace_ShowsEveryPassWithItsToolCallsAndResults()
    {
        var text = await CliResult.RunAsync("trace", "NOTE-1", "--data-dir", recorded.DataDirectory, "--role", "developer");

        Assert.Equal(0, text.ExitCode);
        Assert.StartsWith("Trace of NOTE-1, run ", text.Output, StringComparison.Ordinal);
        Assert.Contains("every message checked against the audit trail's hashes", text.Output, StringComparison.Ordinal);
        Assert.Contains("=== developer pass 1 · ", text.Output, StringComparison.Ordinal);
        Assert.Contains("--- system ---\n", text.Output, StringComparison.Ordinal);
        Assert.Contains("→ commit {", text.Output, StringComparison.Ordinal);
        Assert.Contains("← [", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("=== qa pass", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trace_PieceChangedOnDisk_IsFoundAndNothingIsShown()
    {
        // A copy of the recording's data directory: the other tests read the recording unchanged.
        var data = replayed.DataDirectory;
        Squad.Testing.TestDirectories.Copy(recorded.DataDirectory, data);
        var folder = Path.Combine(data, "trajectories");
        var piece = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .First(f => File.ReadAllText(f).Contains("\"role\":\"system\"", StringComparison.Ordinal));
        File.WriteAllText(piece, File.ReadAllText(piece).Replace("\"role\":\"system\"", "\"role\":\"user\"", StringComparison.Ordinal));

        var result = await CliResult.RunAsync("trace", "NOTE-1", "--data-dir", data);

        Assert.Equal(6, result.ExitCode);
        Assert.Equal("", result.Output);
        Assert.Contains("was changed after it was recorded", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_KilledBetweenATrajectoryAndItsRecord_ThenRunAgain_TracesEveryRecordWhole()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "squad.dll"), "run", replayed.Milestone, "--data-dir", replayed.DataDirectory, "--json"])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[CrashPoint.Variable] = CrashPoint.TrajectoryStored;
        using (var child = Process.Start(start)!)
        {
            var drained = Task.WhenAll(child.StandardOutput.ReadToEndAsync(), child.StandardError.ReadToEndAsync());
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await child.WaitForExitAsync(timeout.Token);
            await drained;
            Assert.Equal(128 + 9, child.ExitCode);
        }

        var resumed = await replayed.RunAsync();
        var trace = await CliResult.RunAsync("trace", "NOTE-1", "--data-dir", replayed.DataDirectory, "--json");

        Assert.Equal("merged", resumed.Squad("NOTE-1").GetProperty("outcome").GetString());
        Assert.Equal(0, trace.ExitCode);
        Assert.True(trace.Json().GetProperty("verified").GetBoolean());
    }

    [Theory]
    [InlineData("NOTE-9", "no run in")]
    [InlineData("NOTE-1 --pass 0", "--pass must be 1 or more")]
    [InlineData("NOTE-1 --run run-nope", "run 'run-nope' is not in")]
    public async Task Trace_BadInput_SaysWhatIsWrongInOneLine(string arguments, string expected)
    {
        var result = await CliResult.RunAsync(["trace", .. arguments.Split(' '), "--data-dir", replayed.DataDirectory]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    private static Task<string> LogAsync(NotesFixture notes) => notes.GitAsync("log", "--format=%T %an %s", "main");

    private static List<string> Commits(CliResult result) => [.. result.Squad("NOTE-1").GetProperty("pullRequest").GetProperty("commits").EnumerateArray()
        .Select(c => $"{c.GetProperty("author").GetString()} {c.GetProperty("subject").GetString()}")];
}
