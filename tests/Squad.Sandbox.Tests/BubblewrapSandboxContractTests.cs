using Squad.Core.Sandbox;
using Squad.Testing;

namespace Squad.Sandbox.Tests;

public sealed class BubblewrapSandboxContractTests : SandboxContractTests
{
    // Outside CI a machine without bubblewrap ends these early (xunit 2 cannot skip an inherited fact); in CI, Bubblewrap() fails.
    protected override ISandbox? Sandbox { get; } =
        TestSandbox.Unavailable is null || BubblewrapFactAttribute.InCi ? TestSandbox.Bubblewrap() : null;

    [BubblewrapFact]
    public void Info_NamesTheVersion_AndWhatIsEnforced()
    {
        var info = TestSandbox.Bubblewrap().Info;

        Assert.StartsWith("bubblewrap ", info.Kind, StringComparison.Ordinal);
        Assert.True(info.Contained);
        Assert.Contains("writes only to the work tree", info.Description, StringComparison.Ordinal);
        Assert.Contains("files", info.Description, StringComparison.Ordinal);
    }
}
