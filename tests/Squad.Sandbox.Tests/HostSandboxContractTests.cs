using Squad.Core.Sandbox;

namespace Squad.Sandbox.Tests;

public sealed class HostSandboxContractTests : SandboxContractTests
{
    protected override ISandbox? Sandbox { get; } = new HostSandbox();

    [Fact]
    public void Info_SaysItIsNotContained()
    {
        var info = new HostSandbox().Info;

        Assert.Equal("none", info.Kind);
        Assert.False(info.Contained);
        Assert.StartsWith("no isolation", info.Description, StringComparison.Ordinal);
    }
}
