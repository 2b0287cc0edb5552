using Squad.Core.Sandbox;
using Squad.Sandbox;

namespace Squad.Testing;

/// <summary>The sandbox tests run agent commands in: bubblewrap where this machine has it, the host otherwise.</summary>
public static class TestSandbox
{
    private static readonly Lazy<SandboxDetection> Detection = new(SandboxDetector.Detect);

    /// <summary>Why there is no bubblewrap sandbox here, or null when there is one.</summary>
    public static string? Unavailable => Detection.Value.Reason;

    public static ISandbox Create() => (ISandbox?)Detection.Value.Sandbox ?? new HostSandbox();

    /// <summary>The bubblewrap sandbox, or a failure naming what is missing (for tests that only mean it).</summary>
    public static BubblewrapSandbox Bubblewrap() =>
        Detection.Value.Sandbox ?? throw new InvalidOperationException($"no bubblewrap sandbox: {Detection.Value.Reason}");
}
