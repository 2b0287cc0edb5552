using System.Diagnostics;
using Squad.Core.Sandbox;

namespace Squad.Sandbox.Tests;

internal static class SandboxAssert
{
    /// <summary>After an attack, the sandbox still runs a plain command, and the host still starts processes.</summary>
    public static async Task StillWorksAsync(ISandbox sandbox, Workspace workspace)
    {
        var result = await sandbox.RunAsync(workspace.Command("echo still-working > after && cat after"));
        Assert.True(result.Succeeded, result.Output);
        Assert.Contains("still-working", result.Output, StringComparison.Ordinal);

        using var host = Process.Start(new ProcessStartInfo("/bin/true") { UseShellExecute = false });
        Assert.NotNull(host);
        await host.WaitForExitAsync();
        Assert.Equal(0, host.ExitCode);
    }
}
