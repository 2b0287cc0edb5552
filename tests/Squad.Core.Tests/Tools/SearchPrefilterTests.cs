using System.Text.RegularExpressions;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>search_files scans a whole file first: that scan must never miss a file where some line matches.</summary>
public sealed class SearchPrefilterTests
{
    private const string Text = "namespace Shop;\r\npublic sealed class Cart\n{\n    // TODO: discount\n    int total;\nend\n";

    [Theory]
    [InlineData("^public")]
    [InlineData("Cart$")]
    [InlineData("^end$")]
    [InlineData(@"\bint\b")]
    [InlineData(@"TODO:\s+\w+")]
    [InlineData(@"Shop;\r?$")]
    [InlineData(@"^\{$")]
    [InlineData(@"^\s*//")]
    [InlineData(@"[^a-z]Cart")]
    public void Prefilter_PatternMatchingALine_MatchesTheWholeFile(string pattern)
    {
        var regex = new Regex(pattern);
        Assert.Contains(Text.Split('\n'), line => regex.IsMatch(line));

        Assert.Matches(SearchFilesTool.Prefilter(regex)!, Text);
    }

    [Theory]
    [InlineData(@"\Apublic")]
    [InlineData(@"total;\z")]
    [InlineData(@"Cart(?!\n)")]
    [InlineData(@"(?<=\{)")]
    [InlineData(@"(?i)CART")]
    public void Prefilter_PatternThatLooksPastItsMatch_IsMatchedLineByLineOnly(string pattern)
        => Assert.Null(SearchFilesTool.Prefilter(new Regex(pattern)));

    [Theory]
    [InlineData("Cart", "Cart")]
    [InlineData(@"Registry\.Register\(", "Registry.Register(")]
    [InlineData("grüße", "grüße")]
    public void LiteralBytes_PlainLiteral_IsItsUtf8Text(string pattern, string text)
        => Assert.Equal(System.Text.Encoding.UTF8.GetBytes(text), SearchFilesTool.LiteralBytes(new Regex(pattern)));

    [Theory]
    [InlineData("^public")]
    [InlineData("Ca.t")]
    [InlineData(@"\bint\b")]
    [InlineData("a|b")]
    [InlineData("a b")]
    public void LiteralBytes_AnyOtherPattern_IsNull(string pattern)
        => Assert.Null(SearchFilesTool.LiteralBytes(new Regex(pattern)));
}
