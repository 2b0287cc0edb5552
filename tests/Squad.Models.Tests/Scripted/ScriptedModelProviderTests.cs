using Squad.Models.Scripted;

namespace Squad.Models.Tests.Scripted;

public sealed class ScriptedModelProviderTests : IDisposable
{
    private readonly TempScript _script = new(ScriptFixtures.Checkout, "demo-responses.yaml");

    public void Dispose() => _script.Dispose();

    [Fact]
    public void Description_LoadedScript_SaysScriptedAndNamesTheFile()
    {
        var provider = new ScriptedModelProvider(_script.FilePath);

        Assert.Equal("scripted (demo-responses.yaml)", provider.Description);
        Assert.True(provider.IsScripted);
    }

    [Fact]
    public void GetClient_EachInvocation_ReturnsAScriptedChatClient()
    {
        var provider = new ScriptedModelProvider(_script.FilePath);

        using var first = provider.GetClient(ScriptFixtures.Invocation());
        using var second = provider.GetClient(ScriptFixtures.Invocation());

        Assert.IsType<ScriptedChatClient>(first);
        Assert.NotSame(first, second);
    }

    [Fact]
    public void Ctor_NegativeLatency_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScriptedModelProvider(_script.FilePath, TimeSpan.FromSeconds(-1)));
    }
}
