using Squad.Core;
using Squad.Core.Domain;

namespace Squad.GitHub.Tests;

public sealed class GitHubOptionsTests
{
    private static readonly Dictionary<Role, string> Reviewers = new()
    {
        [Role.CodeReviewer] = "squad-code-reviewer",
        [Role.QaSpecialist] = "squad-qa-specialist",
    };

    [Fact]
    public void FromEnvironment_TokensAndEnterpriseUrl_ReadsThemPerRole()
    {
        var variables = new Dictionary<string, string>
        {
            ["GITHUB_TOKEN"] = "main-token",
            ["GITHUB_API_URL"] = "https://ghe.example.com/api/v3",
            ["SQUAD_CODE_REVIEWER_GITHUB_TOKEN"] = "reviewer-token",
        };

        var options = GitHubOptions.FromEnvironment(variables.GetValueOrDefault, Reviewers);

        Assert.Equal("main-token", options.Token);
        Assert.Equal(new Uri("https://ghe.example.com/api/v3"), options.ApiUrl);
        Assert.Equal(
            [("squad-code-reviewer", "squad/code-review", "reviewer-token"), ("squad-qa-specialist", "squad/qa-review", null)],
            options.Reviewers.Select(r => (r.Login, r.StatusContext, r.Token)));
        var printed = options.ToString() + string.Join(",", options.Reviewers);
        Assert.DoesNotContain("main-token", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("reviewer-token", printed, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_NoToken_ThrowsOneLineSayingWhatToSet()
    {
        var error = Assert.Throws<SquadException>(() => GitHubOptions.FromEnvironment(_ => null, Reviewers));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.Contains("set GITHUB_TOKEN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromEnvironment_ApiUrlNotHttp_ThrowsInvalidConfiguration()
    {
        var variables = new Dictionary<string, string> { ["GITHUB_TOKEN"] = "t", ["GITHUB_API_URL"] = "ftp://example.com" };

        var error = Assert.Throws<SquadException>(() => GitHubOptions.FromEnvironment(variables.GetValueOrDefault, Reviewers));

        Assert.Contains("GITHUB_API_URL", error.Message, StringComparison.Ordinal);
    }
}
