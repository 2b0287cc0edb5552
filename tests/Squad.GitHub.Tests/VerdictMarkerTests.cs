using Squad.Core.Domain;

namespace Squad.GitHub.Tests;

public sealed class VerdictMarkerTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";

    [Theory]
    [InlineData(Verdict.Approve)]
    [InlineData(Verdict.RequestChanges)]
    [InlineData(Verdict.Comment)]
    public void TryParse_PrependedBody_GivesBackLoginVerdictShaAndBody(Verdict verdict)
    {
        var body = VerdictMarker.Prepend("squad-qa-specialist", verdict, Sha, "Scenario 2 needs a test.");

        var parsed = VerdictMarker.TryParse(body, out var login, out var read, out var sha, out var rest);

        Assert.True(parsed);
        Assert.Equal(("squad-qa-specialist", verdict, Sha, "Scenario 2 needs a test."), (login, read, sha, rest));
    }

    [Theory]
    [InlineData("Looks good. <!-- squad-verdict: squad-code-reviewer approve 0123456789abcdef0123456789abcdef01234567 -->")]
    [InlineData("<!-- squad-verdict: squad-code-reviewer merge 0123456789abcdef0123456789abcdef01234567 -->")]
    [InlineData("<!-- squad-verdict: squad-code-reviewer approve HEAD -->")]
    [InlineData("")]
    public void TryParse_NoMarkerAtTheStart_IsNotAVerdict(string body)
        => Assert.False(VerdictMarker.TryParse(body, out _, out _, out _, out _));
}
