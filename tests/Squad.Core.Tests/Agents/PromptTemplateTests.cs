using Squad.Core.Agents;

namespace Squad.Core.Tests.Agents;

public sealed class PromptTemplateTests
{
    [Fact]
    public void Placeholders_TemplateWithRepeatsAndSpaces_ReturnsEachNameOnce()
    {
        var names = PromptTemplate.Placeholders("{{role}} uses {{ tools }}; again {{role}} and {{commands}}");

        Assert.Equal(["role", "tools", "commands"], names);
    }

    [Fact]
    public void Render_KnownPlaceholders_AreReplaced()
    {
        var values = new Dictionary<string, string> { ["role"] = "Developer", ["tools"] = "read_file, commit" };

        var text = PromptTemplate.Render("You are the {{role}}. Tools: {{ tools }}.", values);

        Assert.Equal("You are the Developer. Tools: read_file, commit.", text);
    }

    [Fact]
    public void Render_UnknownPlaceholder_IsLeftAsWritten()
    {
        var text = PromptTemplate.Render("{{role}} and {{other}}", new Dictionary<string, string> { ["role"] = "QA" });

        Assert.Equal("QA and {{other}}", text);
    }

    [Fact]
    public void Render_ValueContainingPlaceholderSyntax_IsNotRenderedAgain()
    {
        var values = new Dictionary<string, string> { ["role"] = "{{tools}}", ["tools"] = "secret-tool-list" };

        var text = PromptTemplate.Render("{{role}}", values);

        Assert.Equal("{{tools}}", text);
    }
}
