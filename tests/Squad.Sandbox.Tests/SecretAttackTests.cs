using System.Globalization;
using Squad.Testing;

namespace Squad.Sandbox.Tests;

public sealed class SecretAttackTests : IDisposable
{
    private readonly Workspace _workspace = new();

    [BubblewrapFact]
    public async Task OrchestratorEnvironment_ReadThroughProcOrEnv_IsNotVisible()
    {
        var sandbox = TestSandbox.Bubblewrap();
        var canary = $"ghp_{Guid.NewGuid():N}";
        Environment.SetEnvironmentVariable("GITHUB_TOKEN", canary);
        try
        {
            var result = await sandbox.RunAsync(_workspace.Command(
                "cat /proc/*/environ | tr '\\0' '\\n'; echo ---; env; echo ---; ls /proc; echo ---; cat /proc/1/cmdline; echo; echo end"));

            Assert.Contains("end", result.Output, StringComparison.Ordinal);
            Assert.Contains("PATH=/usr/bin:/bin", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, result.Output, StringComparison.Ordinal);
            var pids = result.Output.Split('\n').Where(line => line.Length > 0 && line.All(char.IsAsciiDigit)).ToList();
            Assert.NotEmpty(pids);
            Assert.DoesNotContain(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), pids);
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_TOKEN", null);
        }

        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    [BubblewrapFact]
    public async Task Environment_IsExactlyTheGivenOne_PlusHomeAndTmpdir()
    {
        var sandbox = TestSandbox.Bubblewrap();

        var result = await sandbox.RunAsync(_workspace.Command("env | sort; test -d \"$HOME\" && touch \"$HOME/x\" && echo home-ok"));

        var names = result.Output.Split('\n').Where(line => line.Contains('=', StringComparison.Ordinal)).Select(line => line.Split('=')[0]).ToHashSet();
        // sh itself adds PWD; nothing of the orchestrator's environment (its HOME, USER, DOTNET_*) comes through.
        Assert.Subset(new HashSet<string> { "PATH", "LANG", "HOME", "TMPDIR", "PWD" }, names);
        Assert.Contains("HOME=/tmp/home", result.Output, StringComparison.Ordinal);
        Assert.Contains("home-ok", result.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _workspace.Dispose();
}
