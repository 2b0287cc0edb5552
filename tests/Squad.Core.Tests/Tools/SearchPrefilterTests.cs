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

    public static TheoryData<string, string> LinePatterns()
    {
        string[] texts = [Text, "", "\n", "a\nb", "x a\nb a b\n\nend a", "a\r\n  b\r\nab\r\n", "one\ntwo\nthree"];
        string[] patterns =
        [
            "a", @"a\s+b", @"a\s*b", "^", "$", "^$", "x*", ".*", @"\s+", @"b\n", @"\n", @"a[\s\S]*b", @"\bb\b", @"^\s*b", @"\r?$",
            "Cart", @"TODO:\s+\w+", @"(?<=a)\s", @"\Ab", @"end\z", "(?i)CART",
        ];
        var data = new TheoryData<string, string>();
        foreach (var text in texts)
        {
            foreach (var pattern in patterns)
            {
                data.Add(text, pattern);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LinePatterns))]
    public void MatchingLines_AnyPatternAndText_AreTheLinesTheLineByLineSearchFinds(string text, string pattern)
    {
        var regex = new Regex(pattern);
        var lines = text.Split('\n');
        var expected = lines.Select((line, i) => (Number: i + 1, Line: line)).Where(l => regex.IsMatch(l.Line)).ToList();

        var found = SearchFilesTool.MatchingLines(text, regex, SearchFilesTool.Prefilter(regex), int.MaxValue);

        Assert.Equal(expected, found.Select(f => (f.Number, text.Substring(f.Start, f.Length))).ToList());
        Assert.Equal(expected.Take(2).ToList(), SearchFilesTool.MatchingLines(text, regex, SearchFilesTool.Prefilter(regex), 2).Select(f => (f.Number, text.Substring(f.Start, f.Length))).ToList());
    }
}
