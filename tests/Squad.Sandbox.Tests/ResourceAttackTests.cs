using System.Diagnostics;
using Squad.Core.Sandbox;
using Squad.Testing;

namespace Squad.Sandbox.Tests;

public sealed class ResourceAttackTests : IDisposable
{
    private const long MiB = 1024 * 1024;
    private readonly Workspace _workspace = new();

    [BubblewrapFact]
    public async Task OutputFlood_IsCountedButNotHeld()
    {
        var sandbox = TestSandbox.Bubblewrap();
        var limits = SandboxLimits.Default with { MaxOutputBytes = 64 * 1024 };
        using var sampler = new MemorySampler();

        var result = await sandbox.RunAsync(_workspace.Command("echo first; head -c 300000000 /dev/zero | tr '\\0' a; echo; echo last", limits: limits));

        var growth = await sampler.StopAsync();
        Assert.True(result.Succeeded, result.LimitReason);
        Assert.True(result.OutputBytes >= 300_000_000, $"counted {result.OutputBytes}");
        Assert.True(result.Output.Length <= limits.MaxOutputBytes, $"kept {result.Output.Length}");
        Assert.StartsWith("first\n", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("\nlast\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("bytes of output cut", result.Output, StringComparison.Ordinal);
        Assert.True(growth < 64 * MiB, $"this process grew by {growth / MiB} MiB while reading the flood");
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    [BubblewrapFact]
    public async Task MemoryHog_IsKilledAtTheMemoryLimit()
    {
        var sandbox = TestSandbox.Bubblewrap();
        var limits = SandboxLimits.Default with { MaxMemoryBytes = 64 * MiB };
        // Written bytes, not a reservation: untouched pages would never count.
        const string Hog = "if command -v python3 >/dev/null; then python3 -c 'a = []\nwhile True: a.append(b\"x\" * 10**7)'; "
            + "else awk 'BEGIN { s = \"x\"; while (1) s = s s }'; fi";

        var result = await sandbox.RunAsync(_workspace.Command(Hog, TimeSpan.FromSeconds(60), limits));

        Assert.False(result.Succeeded);
        Assert.False(result.TimedOut);
        Assert.Contains("memory limit of 64 MiB reached", result.LimitReason, StringComparison.Ordinal);
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    [BubblewrapFact]
    public async Task Dotnet_RunsUnderTheMemoryLimit()
    {
        var sandbox = TestSandbox.Bubblewrap();
        var limits = SandboxLimits.Default with { MaxMemoryBytes = 512 * MiB };
        var command = _workspace.Command("dotnet --info", TimeSpan.FromSeconds(120), limits) with
        {
            Environment = new Dictionary<string, string>
            {
                ["PATH"] = "/usr/bin:/bin",
                ["DOTNET_NOLOGO"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            },
        };

        var result = await sandbox.RunAsync(command);

        Assert.True(result.Succeeded, $"{result.LimitReason}\n{result.Output}");
        Assert.Contains(".NET SDK", result.Output, StringComparison.Ordinal);
    }

    [BubblewrapFact]
    public async Task BigFile_StopsAtTheFileSizeLimit()
    {
        var sandbox = TestSandbox.Bubblewrap();
        var limits = SandboxLimits.Default with { MaxFileSizeBytes = 4 * MiB };

        var result = await sandbox.RunAsync(_workspace.Command("head -c 300M /dev/zero > big", limits: limits));

        Assert.False(result.Succeeded);
        Assert.Equal("file size limit of 4 MiB reached", result.LimitReason);
        Assert.True(_workspace.SizeOf("big") <= 4 * MiB, $"big is {_workspace.SizeOf("big")} bytes");
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>The peak growth of this process's working set and managed heap while it samples.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly long _before;
        private readonly Task<long> _peak;

        public MemorySampler()
        {
            GC.Collect();
            _before = Sample();
            _peak = Task.Run(async () =>
            {
                var peak = _before;
                while (!_stop.IsCancellationRequested)
                {
                    peak = Math.Max(peak, Sample());
                    await Task.Delay(20);
                }

                return peak;
            });
        }

        public async Task<long> StopAsync()
        {
            await _stop.CancelAsync();
            return await _peak - _before;
        }

        public void Dispose() => _stop.Dispose();

        private static long Sample()
        {
            using var self = Process.GetCurrentProcess();
            return self.WorkingSet64 + GC.GetTotalMemory(forceFullCollection: false);
        }
    }
}
