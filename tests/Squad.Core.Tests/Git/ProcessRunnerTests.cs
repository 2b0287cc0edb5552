using Squad.Core.Git;

namespace Squad.Core.Tests;

/// <summary>
/// The child processes Squad starts (git, copies): on Linux spawned directly and collected by one thread. Each test is a
/// promise of <see cref="ProcessRunner"/> that a child could break: what it inherits, what it reads and writes, and how
/// it ends.
/// </summary>
public sealed class ProcessRunnerTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("squad-process-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task GivenEnvironment_IsAllTheChildSees_NoVariableOfTheOrchestratorLeaks()
    {
        Environment.SetEnvironmentVariable("SQUAD_TEST_SECRET", "sk-do-not-leak");
        try
        {
            var result = await ProcessRunner.RunAsync("/usr/bin/env", [], folder, new Dictionary<string, string> { ["ONLY"] = "this" });

            Assert.Equal(0, result.ExitCode);
            Assert.Equal(["ONLY=this"], result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SQUAD_TEST_SECRET", null);
        }
    }

    [Fact]
    public async Task NoEnvironmentGiven_TheChildInheritsTheOrchestratorsAsItIsNow()
    {
        Environment.SetEnvironmentVariable("SQUAD_TEST_INHERITED", "yes");
        try
        {
            var result = await ProcessRunner.RunAsync("sh", ["-c", "echo \"$SQUAD_TEST_INHERITED\"; pwd"], folder);

            Assert.Equal($"yes\n{folder}\n", result.StandardOutput);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SQUAD_TEST_INHERITED", null);
        }
    }

    [Fact]
    public async Task LargeInputAndOutputAtOnce_NeitherPipeDeadlocks_AndEveryByteArrives()
    {
        // Two megabytes each way, more than any pipe buffers: the child writes while it reads.
        var input = string.Concat(Enumerable.Repeat("0123456789abcdef\n", 128 * 1024));
        var result = await ProcessRunner.RunAsync("sh", ["-c", "cat; cat >&2 </dev/null; echo done >&2"], folder, standardInput: input, timeout: TimeSpan.FromMinutes(1));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(input, result.StandardOutput);
        Assert.Equal("done\n", result.StandardError);
    }

    [Fact]
    public async Task NoInputGiven_TheChildReadsAnEmptyInput_NotTheOrchestratorsTerminal()
    {
        var result = await ProcessRunner.RunAsync("sh", ["-c", "cat | wc -c"], folder, timeout: TimeSpan.FromSeconds(30));

        Assert.Equal("0", result.StandardOutput.Trim());
    }

    [Fact]
    public async Task ExitCodesAndSignals_AreReportedAsAShellWould()
    {
        Assert.Equal(3, (await ProcessRunner.RunAsync("sh", ["-c", "exit 3"], folder)).ExitCode);
        Assert.Equal(128 + 15, (await ProcessRunner.RunAsync("sh", ["-c", "kill -TERM $$"], folder)).ExitCode);
    }

    [Fact]
    public async Task SignalsTheOrchestratorIgnores_AreAtTheirDefaultInTheChild()
    {
        // .NET ignores SIGPIPE; a child must not inherit that, or `yes | head -1` never ends.
        var result = await ProcessRunner.RunAsync("sh", ["-c", "yes | head -1"], folder, timeout: TimeSpan.FromSeconds(30));

        Assert.False(result.TimedOut);
        Assert.Equal("y\n", result.StandardOutput);
    }

    [Fact]
    public async Task Timeout_KillsTheChildAndEverythingItStarted_AndSaysSo()
    {
        var pids = Path.Combine(folder, "pids");
        var result = await ProcessRunner.RunAsync("sh", ["-c", $"sleep 60 & echo $! > '{pids}'; sleep 60"], folder, timeout: TimeSpan.FromMilliseconds(500));

        Assert.True(result.TimedOut);
        Assert.Equal(124, result.ExitCode);
        Assert.True(result.Duration < TimeSpan.FromSeconds(30), result.Duration.ToString());
        var grandchild = int.Parse((await File.ReadAllTextAsync(pids)).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(await EndedAsync(grandchild), $"the background sleep {grandchild} outlived the timeout");
    }

    [Fact]
    public async Task Cancellation_KillsTheChild_AndThrows()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var started = DateTime.UtcNow;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ProcessRunner.RunAsync("sleep", ["60"], folder, cancellationToken: cancel.Token));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task MissingProgramOrFolder_IsExit127WithOneLine_NotAnException()
    {
        var program = await ProcessRunner.RunAsync("squad-no-such-program", [], folder);
        var place = await ProcessRunner.RunAsync("sh", ["-c", "true"], Path.Combine(folder, "missing"));

        Assert.Equal(127, program.ExitCode);
        Assert.StartsWith("cannot start squad-no-such-program:", program.StandardError, StringComparison.Ordinal);
        Assert.Equal(127, place.ExitCode);
        Assert.DoesNotContain('\n', place.StandardError);
    }

    [Fact]
    public async Task ManyChildrenAtOnce_EachGetsItsOwnOutput()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 64).Select(i =>
            ProcessRunner.RunAsync("sh", ["-c", $"echo out{i}; echo err{i} >&2; exit {i % 4}"], folder)));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal($"out{i}\n", results[i].StandardOutput);
            Assert.Equal($"err{i}\n", results[i].StandardError);
            Assert.Equal(i % 4, results[i].ExitCode);
        }
    }

    [Fact]
    public async Task ByteOrderMark_IsLeftOutOfTheText_InvalidUtf8BecomesReplacementCharacters()
    {
        var result = await ProcessRunner.RunAsync("printf", ["\\357\\273\\277a\\377b"], folder);

        Assert.Equal("a\uFFFDb", result.StandardOutput);
    }

    [Fact]
    public async Task NoDescriptorOfTheOrchestrator_ReachesTheChild()
    {
        using var secret = File.Open(Path.Combine(folder, "held-open"), FileMode.Create);
        var result = await ProcessRunner.RunAsync("sh", ["-c", "ls -l /proc/self/fd"], folder);

        // Nor the pipes of other children: every descriptor Squad opens is close-on-exec.
        Assert.Equal(0, result.ExitCode);
        Assert.DoesNotContain("held-open", result.StandardOutput, StringComparison.Ordinal);
        Assert.Single(result.StandardOutput.Split('\n'), line => line.Contains(" 1 -> pipe:", StringComparison.Ordinal));
    }

    private static async Task<bool> EndedAsync(int pid)
    {
        for (var i = 0; i < 100; i++)
        {
            // A killed process whose parent is gone may stay a zombie of init for a moment: ended all the same.
            var status = $"/proc/{pid}/stat";
            if (!File.Exists(status) || (await File.ReadAllTextAsync(status)).Split(')')[^1].TrimStart().StartsWith('Z'))
            {
                return true;
            }

            await Task.Delay(50);
        }

        return false;
    }
}
