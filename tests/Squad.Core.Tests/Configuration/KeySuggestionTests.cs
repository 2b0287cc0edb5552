using Squad.Core.Configuration;

namespace Squad.Core.Tests.Configuration;

public sealed class KeySuggestionTests
{
    private static readonly string[] Known = ["commands", "setup", "guardrails", "protected_paths", "max_diff_lines", "max_diff_bytes"];

    [Theory]
    [InlineData("guardrail", "guardrails")]
    [InlineData("Guardrails", "guardrails")]
    [InlineData("comands", "commands")]
    [InlineData("protected_path", "protected_paths")]
    [InlineData("max_diff_line", "max_diff_lines")]
    [InlineData("max_dif_bytes", "max_diff_bytes")]
    [InlineData("set_up", "setup")]
    public void Closest_Typo_FindsTheKeyMeant(string typo, string expected)
        => Assert.Equal(expected, KeySuggestion.Closest(typo, Known));

    [Theory]
    [InlineData("foo")]
    [InlineData("timeout")]
    [InlineData("")]
    public void Closest_NothingAlike_IsNull(string key)
        => Assert.Null(KeySuggestion.Closest(key, Known));

    [Fact]
    public void UnknownKey_WithSuggestion_SaysDidYouMean()
        => Assert.Equal("unknown key 'guardrail' (did you mean 'guardrails'?)", KeySuggestion.UnknownKey("guardrail", Known));

    [Fact]
    public void UnknownKey_WithoutSuggestion_ListsTheKnownKeys()
        => Assert.Equal(
            "unknown key 'foo' (known: commands, setup, guardrails, protected_paths, max_diff_lines, max_diff_bytes)",
            KeySuggestion.UnknownKey("foo", Known));
}
