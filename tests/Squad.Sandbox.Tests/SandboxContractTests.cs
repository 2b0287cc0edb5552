using System.Diagnostics;
using Squad.Core.Sandbox;

namespace Squad.Sandbox.Tests;

/// <summary>
/// What every <see cref="ISandbox"/> promises, isolated or not: exactly the given environment, the exit code, capped
/// output, the wall-clock limit, cancellation, the file-size limit, and no process outliving its command.
/// </summary>
public abstract class SandboxContractTests : IDisposable
{
    private readonly Workspace _workspace = new();

    /// <summary>The sandbox under test; null where this machine cannot give it (outside CI), which ends each test early.</summary>
    protected abstract ISandbox? Sandbox { get; }

    [Fact]
    public async Task Environment_IsOnlyTheGivenOne()
    {
        if (Sandbox is not { } sandbox)
        {
            return;
        }

        var canary = $"secret-{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable("SQUAD_CONTRACT_CANARY", canary);
        try
        {
            var result = await sandbox.RunAsync(_workspace.Command("env"));

            Assert.Contains("LANG=C.UTF-8", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SQUAD_CONTRACT_CANARY", null);
        }
    }

    [Fact]
    public async Task Home_IsAFolderTheCommandCanWriteIn()
    {
        if (Sandbox is not { } sandbox)
        {
            return;
        }

        var result = await sandbox.RunAsync(_workspace.Command("test -d \"$HOME\" && touch \"$HOME/.squad-home-probe\" && rm \"$HOME/.squad-home-probe\" && echo home-ok"));

        Assert.Contains("home-ok", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitCodeAndOutput_OfBothStreams_AreReturned()
    {
        if (Sandbox is not { } sandbox)
        {
            return;
        }

        var result = await sandbox.RunAsync(_workspace.Command("echo out; sleep 0.1; echo err >&2; sleep 0.1; pwd; exit 3"));

        Assert.Equal(3, result.ExitCode);
        Assert.False(result.Succeeded);
        Assert.Null(result.LimitReason);
        // Each stream keeps its own order; which of two pipes is read first is up to the scheduler (under load, a
        // line written 100 ms later on the other stream can come first).
        Assert.Equal(new[] { "out", "err", _workspace.WorkTree }.Order(StringComparer.Ordinal), result.Output.TrimEnd('\n').Split('\n').Order(StringComparer.Ordinal));
        Assert.True(result.Output.IndexOf("out\n", StringComparison.Ordinal) < result.Output.IndexOf(_workspace.WorkTree, StringComparison.Ordinal));
        Assert.Equal(result.Output.Length, result.OutputBytes);
    }

    [Fact]
    public async Task LongOutput_KeepsHeadAndTail_WithinTheCap()
    {
        if (Sandbox is not { } sandbox)
        {
            return;
        }

        var limits = SandboxLimits.Default with { MaxOutputBytes = 4096 };

        var result = await sandbox.RunAsync(_workspace.Command("echo head; seq 1 100000; echo tail", limits: limits));

        Assert.True(result.Output.Length <= 4096, $"kept {result.Output.Length}");
        Assert.StartsWith("head\n1\n", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("100000\ntail\n", result.Output, StringComparison.Ordinal);
        Assert.True(result.OutputBytes > 500_000, $"counted {result.OutputBytes}");
    }

    [Fact]
    public async Task Timeout_EndsTheCommandAndItsChildren()
    {
        if (Sandbox is not { } sandbox)
        {
            return;
        }

        var result = await sandbox.RunAsync(_workspace.Command($"({Workspace.Heartbeat("beat")}) & sleep 600", TimeSpan.FromSeconds(1)));

        Assert.True(result.TimedOut);
        Assert.Equal("timed out after 1 s", result.LimitReason);
        await AssertStoppedAsync("beat");
    }

    [Fact]
    public async Task Cancellation_EndsTheCommandAndThrows()
    {
        if (Sandbox is not { } sandbox)
        {
            return;
        }

        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            sandbox.RunAsync(_workspace.Command($"({Workspace.Heartbeat("beat")}) & sleep 600"), cancellation.Token));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"took {clock.Elapsed}");
        await AssertStoppedAsync("beat");
    }

    [Fact]
    public async Task BackgroundChild_HoldingOutput_DoesNotHoldTheResult_AndIsKilled()
    {
        if (Sandbox is not { } sandbox)
        {
            return;
        }

        var result = await sandbox.RunAsync(_workspace.Command($"{Workspace.Heartbeat("beat")} & sleep 0.3; echo done", TimeSpan.FromSeconds(30)));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("done\n", result.Output);
        await AssertStoppedAsync("beat");
    }

    [Fact]
    public async Task BigFile_StopsAtTheFileSizeLimit()
    {
        if (Sandbox is not { } sandbox)
        {
            return;
        }

        var limits = SandboxLimits.Default with { MaxFileSizeBytes = 1024 * 1024 };

        var result = await sandbox.RunAsync(_workspace.Command("head -c 10M /dev/zero > big", limits: limits));

        Assert.Equal("file size limit of 1 MiB reached", result.LimitReason);
        Assert.Equal(1024 * 1024, _workspace.SizeOf("big"));
    }

    public void Dispose()
    {
        _workspace.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task AssertStoppedAsync(string file)
    {
        var before = _workspace.SizeOf(file);
        Assert.True(before > 0, "the heartbeat never started");
        await Task.Delay(600);
        Assert.Equal(before, _workspace.SizeOf(file));
    }
}
