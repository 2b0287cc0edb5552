using Squad.Core.Security;

namespace Squad.Core.Tests.Tools;

public sealed class SecretRedactorTests
{
    private readonly SecretRedactor redactor = new(["hunter2-configured", "abc"]);

    [Theory]
    [InlineData("ghp_0123456789abcdefghijABCDEFGHIJ012345")]
    [InlineData("gho_0123456789abcdefghijABCDEFGHIJ")]
    [InlineData("ghs_0123456789abcdefghijABCDEFGHIJ")]
    [InlineData("github_pat_11ABCDEFG0123456789_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOp")]
    [InlineData("xapp-1-A0123456789-0123456789-abcdef")]
    [InlineData("sk-proj-AbCdEfGhIjKlMnOpQrStUvWx0123")]
    [InlineData("sk-AbCdEfGhIjKlMnOpQrStUvWx0123")]
    [InlineData("sk-ant-api03-AbCdEfGhIjKlMnOpQrStUvWx0123_-xyz")]
    [InlineData("lin_api_AbCdEfGhIjKlMnOpQrStUvWx0123")]
    [InlineData("lin_oauth_AbCdEfGhIjKlMnOpQrStUvWx0123")]
    public void Redact_TokenShape_IsMasked(string token)
    {
        var redacted = redactor.Redact($"before {token} after");

        Assert.Equal($"before {SecretRedactor.Mask} after", redacted);
    }

    [Fact]
    public void Redact_BearerHeader_MasksTheTokenKeepsTheScheme()
    {
        var redacted = redactor.Redact("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc");

        Assert.Equal($"Authorization: Bearer {SecretRedactor.Mask}", redacted);
    }

    [Theory]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.sk-AbCdEfGhIjKlMnOpQrStUvWx0123", "Bearer [REDACTED]")]
    [InlineData("bearer\tabcdefghijklmnopqrstuvwxyz== ghp_0123456789abcdefghijABCDEFGHIJ012345", "bearer\t[REDACTED] [REDACTED]")]
    [InlineData("ghp_0123456789abcdefghijABCDEFGHIJ012345 Bearer short", "[REDACTED] Bearer short")]
    [InlineData("xBearer abcdefghijklmnopqrstuvwxyz", "xBearer [REDACTED]")]
    [InlineData("bearer\tghp_abcdefghijsk-ant-Bearer\nABCDEFGHIJ0123456789 x", "bearer\t[REDACTED]\n[REDACTED] x")]
    public void Redact_BearerAndTokenShapesTogether_AllAreMasked(string text, string expected)
    {
        Assert.Equal(expected, redactor.Redact(text));
    }

    [Fact]
    public void Redact_RandomMixesOfSchemesAndTokenShapes_LeaveNothingTheEarlierSinglePatternWouldFind()
    {
        // The pattern of every shape and the bearer header in one, as the redactor had it: an oracle for the two it has now.
        var single = new System.Text.RegularExpressions.Regex(
            @"(?<![A-Za-z0-9_-])(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|xapp-[A-Za-z0-9-]{10,}|sk-ant-[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9_-]{20,}|lin_(api|oauth)_[A-Za-z0-9]{20,}|(?<=[Bb]earer\s)[A-Za-z0-9._~+/-]{20,}=*)");
        string[] pieces = ["Bearer ", "bearer\t", "x", "sk-", "sk-ant-", "ghp_", "lin_api_", "xoxb-", ".", " ", "=", "abcdefghij", "ABCDEFGHIJ0123456789", "-", "_", "/", "\n", "Bearer\n", "Bearer", "earer "];
        var random = new Random(7);
        for (var i = 0; i < 20_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 13)).Select(_ => pieces[random.Next(pieces.Length)]));

            var redacted = new SecretRedactor([]).Redact(text);

            Assert.False(single.IsMatch(redacted), $"'{text}' redacted to '{redacted}' still holds a token");
        }
    }

    [Fact]
    public void Redact_ConfiguredValue_IsMaskedEverywhere()
    {
        var redacted = redactor.Redact("key=hunter2-configured and again hunter2-configured.");

        Assert.Equal($"key={SecretRedactor.Mask} and again {SecretRedactor.Mask}.", redacted);
    }

    [Fact]
    public void Redact_ConfiguredValueShorterThanSix_IsIgnored()
    {
        Assert.Equal("abc is not a secret", redactor.Redact("abc is not a secret"));
    }

    [Fact]
    public void Redact_LongerSecretContainingShorter_MasksTheLongerWhole()
    {
        var nested = new SecretRedactor(["secret-one", "secret-one-and-more"]);

        Assert.Equal(SecretRedactor.Mask, nested.Redact("secret-one-and-more"));
    }

    [Theory]
    [InlineData("sk-short")]
    [InlineData("the ghp_ prefix alone")]
    [InlineData("task-management is fine")]
    [InlineData("")]
    public void Redact_OrdinaryText_IsUnchanged(string text)
    {
        Assert.Equal(text, redactor.Redact(text));
    }

    [Theory]
    [InlineData("a risk-based-prioritization-of-work plan")]
    [InlineData("branch feature/task-management-dashboard-v2")]
    public void Redact_WordsContainingSkDash_AreUnchanged(string text)
    {
        Assert.Equal(text, redactor.Redact(text));
    }

    [Fact]
    public void FromEnvironment_SecretVariableSet_RedactsItsValue()
    {
        var value = "env-secret-" + Guid.NewGuid().ToString("N");
        var saved = Environment.GetEnvironmentVariable("SLACK_SIGNING_SECRET");
        try
        {
            Environment.SetEnvironmentVariable("SLACK_SIGNING_SECRET", value);

            var fromEnvironment = SecretRedactor.FromEnvironment();

            Assert.Equal($"x {SecretRedactor.Mask} y", fromEnvironment.Redact($"x {value} y"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SLACK_SIGNING_SECRET", saved);
        }
    }
}
