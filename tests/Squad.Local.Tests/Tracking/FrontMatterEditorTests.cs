using Squad.Local.Tracking;

namespace Squad.Local.Tests.Tracking;

public sealed class FrontMatterEditorTests
{
    [Fact]
    public void SetKey_BlockListAtColumnZero_ReplacesTheWholeValue()
    {
        var yaml = "identifier: A-1\nlabels:\n- a\n- b\n\n# next\npriority: 1\n";

        var result = FrontMatterEditor.SetKey(yaml, "labels", "labels:\n- c\n", "\n");

        Assert.Equal("identifier: A-1\nlabels:\n- c\n\n# next\npriority: 1\n", result);
    }

    [Fact]
    public void SetKey_KeyThatPrefixesAnother_ReplacesOnlyTheExactKey()
    {
        var yaml = "states: x\nstate: todo\n";

        var result = FrontMatterEditor.SetKey(yaml, "state", "state: done\n", "\n");

        Assert.Equal("states: x\nstate: done\n", result);
    }

    [Fact]
    public void SetKey_IndentedKeyOfAnotherMapping_IsNotTouched()
    {
        var yaml = "meta:\n  state: keep\n";

        var result = FrontMatterEditor.SetKey(yaml, "state", "state: done\n", "\n");

        Assert.Equal("meta:\n  state: keep\nstate: done\n", result);
    }
}
