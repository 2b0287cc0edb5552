using System.Diagnostics;
using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary>One writer per data directory: the commands that write there hold <c>squad.lock</c>; a second one stops or waits.</summary>
public sealed class DataDirectoryLockTests : IDisposable
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 12, 4, 5, 10, 0, TimeSpan.Zero));
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    private string LockFile => Path.Combine(notes.DataDirectory, DataDirectoryLock.FileName);

    private DataDirectoryLock Hold(string command = "squad run")
        => DataDirectoryLock.TryAcquire(notes.DataDirectory, command, Time) ?? throw new InvalidOperationException("the lock is already held");

    [Theory]
    [InlineData("run", "squad run")]
    [InlineData("fix", "squad fix")]
    [InlineData("demo", "squad demo")]
    [InlineData("sweep", "squad sweep")]
    [InlineData("serve", "squad serve")]
    public async Task Command_DataDirectoryHeldByAnother_Exits10WithOneLineAndWritesNothing(string command, string holder)
    {
        using var held = Hold(holder);
        string[] args = command switch
        {
            "run" => ["run", notes.Milestone],
            "fix" => ["fix", "NOTE-1", "--issues", notes.Milestone],
            _ => [command],
        };

        var result = await CliResult.RunAsync([.. args, "--data-dir", notes.DataDirectory]);

        Assert.Equal(10, result.ExitCode);
        Assert.Equal(
            $"error: the data directory {notes.DataDirectory} is in use by pid {Environment.ProcessId} ({holder}, since 2026-12-04T05:10:00Z): wait for it to finish, or pass --wait",
            Assert.Single(result.ErrorLines));
        Assert.Equal(
            [DataDirectoryLock.FileName, DataDirectoryLock.HolderFileName],
            Directory.EnumerateFileSystemEntries(notes.DataDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Status_DataDirectoryHeld_StillReads()
    {
        using var held = Hold();

        var result = await CliResult.RunAsync("status", "--data-dir", notes.DataDirectory);

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: no runs in", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LockFileLeftByDeadProcess_IsTakenOver()
    {
        Directory.CreateDirectory(notes.DataDirectory);
        var stale = "pid: 999999999\ncommand: squad run\nsince: 2020-01-01T00:00:00Z\n";
        await File.WriteAllTextAsync(LockFile, stale);
        await File.WriteAllTextAsync(Path.Combine(notes.DataDirectory, DataDirectoryLock.HolderFileName), stale);

        var result = await notes.RunAsync();

        // The notes milestone merges one issue and refuses the unrefined other (exit 0): the run went through.
        Assert.Equal(0, result.ExitCode);
        Assert.NotEmpty(result.Json().GetProperty("squads").EnumerateArray());
        Assert.StartsWith($"pid: {Environment.ProcessId}\ncommand: squad run\nsince: ", await File.ReadAllTextAsync(LockFile), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(notes.DataDirectory, DataDirectoryLock.HolderFileName)));
    }

    [Fact]
    public async Task Run_WithWait_SaysItWaitsAndProceedsOnceTheHolderReleases()
    {
        var held = Hold("squad sweep");
        using var output = new StringWriter();
        using var errorText = new StringWriter();
        var error = TextWriter.Synchronized(errorText);
        var run = SquadCli.InvokeAsync(["run", notes.Milestone, "--data-dir", notes.DataDirectory, "--json", "--wait"], output, error);
        string Error()
        {
            // The synchronized writer's methods lock the writer itself.
            lock (error)
            {
                return errorText.ToString();
            }
        }

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Error().Contains("waiting:", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.False(run.IsCompleted);
        Assert.Contains($"waiting: the data directory {notes.DataDirectory} is in use by pid {Environment.ProcessId} (squad sweep, since 2026-12-04T05:10:00Z)", Error(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(notes.DataDirectory, "squad.db")));
        held.Dispose();

        Assert.Equal(0, await run);
        Assert.NotEmpty(output.ToString());
        Assert.True(File.Exists(Path.Combine(notes.DataDirectory, "squad.db")));
    }

    [FlockFact]
    public async Task Run_LockHeldByAnotherProcess_Exits10UntilThatProcessDies()
    {
        Directory.CreateDirectory(notes.DataDirectory);
        using var other = Process.Start(new ProcessStartInfo(FlockFactAttribute.FlockPath, ["-x", LockFile, "sleep", "60"]))!;
        try
        {
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (DataDirectoryLock.TryAcquire(notes.DataDirectory, "probe", Time) is { } probe && DateTime.UtcNow < deadline)
            {
                probe.Dispose();
                await Task.Delay(50);
            }

            var result = await notes.RunAsync();

            Assert.Equal(10, result.ExitCode);
            Assert.Equal(
                $"error: the data directory {notes.DataDirectory} is in use by another process: wait for it to finish, or pass --wait",
                Assert.Single(result.ErrorLines));
        }
        finally
        {
            // flock hands its descriptor to sleep: the lock lives until both are gone.
            other.Kill(entireProcessTree: true);
            await other.WaitForExitAsync();
        }

        // The kernel drops the lock once the last holder of the descriptor has exited, which a kill only starts.
        var taken = DataDirectoryLock.TryAcquire(notes.DataDirectory, "squad run", Time);
        for (var tries = 0; taken is null && tries < 200; tries++)
        {
            await Task.Delay(50);
            taken = DataDirectoryLock.TryAcquire(notes.DataDirectory, "squad run", Time);
        }

        Assert.NotNull(taken);
        taken.Dispose();
    }
}
