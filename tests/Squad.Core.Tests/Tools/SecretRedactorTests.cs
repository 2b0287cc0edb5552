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
