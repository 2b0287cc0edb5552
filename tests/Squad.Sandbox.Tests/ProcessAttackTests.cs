using System.Diagnostics;
using Squad.Core.Sandbox;
using Squad.Testing;

namespace Squad.Sandbox.Tests;

public sealed class ProcessAttackTests : IDisposable
{
    private readonly Workspace _workspace = new();

    [BubblewrapFact]
    public Task BackgroundChild_InSubshell_HoldingOutput_IsKilledWhenTheCommandEnds() =>
        AssertBackgroundChildEndsAsync($"({Workspace.Heartbeat("beat")}) & sleep 0.3; echo done");

    [BubblewrapFact]
    public Task BackgroundChild_DoubleForked_IsKilledWhenTheCommandEnds() =>
        AssertBackgroundChildEndsAsync($"( ({Workspace.Heartbeat("beat")}) & ) ; sleep 0.3; echo done");

    [BubblewrapFact]
    public Task BackgroundChild_InOwnSession_IsKilledWhenTheCommandEnds() =>
        AssertBackgroundChildEndsAsync($"setsid sh -c '{Workspace.Heartbeat("beat")}' & sleep 0.3; echo done");

    [BubblewrapFact]
    public Task BackgroundChild_Nohup_IsKilledWhenTheCommandEnds() =>
        AssertBackgroundChildEndsAsync($"nohup sh -c '{Workspace.Heartbeat("beat")}' > /dev/null 2>&1 & sleep 0.3; echo done");

    [BubblewrapFact]
    public async Task ServerLeftInPrivateTmp_ByOneCommand_IsNeitherRunningNorReachableFromTheNext()
    {
        // What a compiler server does (UseSharedCompilation is on in this sandbox): start a daemon, leave its rendezvous in
        // /tmp. A hostile build would use it to serve poisoned compilations to the next command, or another squad's.
        var sandbox = TestSandbox.Bubblewrap();
        var first = await sandbox.RunAsync(_workspace.Command(
            $"echo server > /tmp/compiler.pipe; (setsid sh -c '{Workspace.Heartbeat("beat")}' &) ; sleep 0.3; echo started", TimeSpan.FromSeconds(30)));
        Assert.Contains("started", first.Output, StringComparison.Ordinal);
        await AssertHeartbeatStoppedAsync();

        var second = await sandbox.RunAsync(_workspace.Command("ls /tmp; test ! -e /tmp/compiler.pipe && echo fresh", TimeSpan.FromSeconds(30)));

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("fresh", second.Output, StringComparison.Ordinal);
    }

    [BubblewrapFact]
    public async Task ForkBomb_StopsAtTheProcessLimit()
    {
        var sandbox = TestSandbox.Bubblewrap();
        var limits = SandboxLimits.Default with { MaxProcesses = 64 };

        // Every process forks for ever: the group stays pinned at its limit (a bomb that dies out by itself, as the
        // classic one-liner now does on this kernel, only ever touches the limit and is contained by it alone).
        var result = await sandbox.RunAsync(_workspace.Command("bomb() { while :; do bomb & done; }; bomb", TimeSpan.FromSeconds(60), limits));

        Assert.False(result.Succeeded);
        Assert.Contains("process limit of 64 reached", result.LimitReason, StringComparison.Ordinal);
        Assert.False(result.TimedOut, $"the bomb ran until the timeout: {result.LimitReason}");
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    [BubblewrapFact]
    public async Task Timeout_KillsTheWholeSandbox()
    {
        var sandbox = TestSandbox.Bubblewrap();

        var result = await sandbox.RunAsync(_workspace.Command($"({Workspace.Heartbeat("beat")}) & sleep 600", TimeSpan.FromSeconds(2)));

        Assert.True(result.TimedOut);
        Assert.Equal("timed out after 2 s", result.LimitReason);
        Assert.InRange(result.Duration, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10));
        await AssertHeartbeatStoppedAsync();
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    [BubblewrapFact]
    public async Task Cancellation_KillsTheSandboxAndThrows()
    {
        var sandbox = TestSandbox.Bubblewrap();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var clock = Stopwatch.StartNew();

        var run = sandbox.RunAsync(_workspace.Command($"({Workspace.Heartbeat("beat")}) & sleep 600"), cancellation.Token);

        var thrown = await Record.ExceptionAsync(() => run);
        Assert.True(thrown is OperationCanceledException, $"{thrown?.GetType().Name ?? "no exception"}: {(run.IsCompletedSuccessfully ? run.Result : null)}");

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(3));
        await AssertHeartbeatStoppedAsync();
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    private async Task AssertBackgroundChildEndsAsync(string commandLine)
    {
        var sandbox = TestSandbox.Bubblewrap();

        var result = await sandbox.RunAsync(_workspace.Command(commandLine, TimeSpan.FromSeconds(30)));

        Assert.Equal(0, result.ExitCode);
        Assert.False(result.TimedOut);
        Assert.Contains("done", result.Output, StringComparison.Ordinal);
        Assert.True(result.Duration < TimeSpan.FromSeconds(10), $"took {result.Duration}");
        await AssertHeartbeatStoppedAsync();
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    private async Task AssertHeartbeatStoppedAsync()
    {
        // The heartbeat must have started (so the check means something) and must not go on after the sandbox ended.
        for (var wait = 0; wait < 20 && _workspace.SizeOf("beat") == 0; wait++)
        {
            await Task.Delay(50);
        }

        var before = _workspace.SizeOf("beat");
        Assert.True(before > 0, "the heartbeat never started");
        await Task.Delay(600);
        Assert.Equal(before, _workspace.SizeOf("beat"));
    }

    public void Dispose() => _workspace.Dispose();
}
