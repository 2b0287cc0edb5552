using Squad.Core;

namespace Squad.Linear.Tests;

public sealed class LinearOptionsTests
{
    [Fact]
    public void FromEnvironment_KeyOnly_UsesLinearsEndpointAndTellsTheKindByPrefix()
    {
        var options = LinearOptions.FromEnvironment(Env(("LINEAR_API_KEY", " lin_api_abc ")));

        Assert.Equal(new Uri("https://api.linear.app/graphql"), options.Endpoint);
        Assert.Equal("lin_api_abc", options.Credential);
        Assert.Equal("lin_api_abc", options.AuthorizationValue);
    }

    [Fact]
    public void FromEnvironment_UrlAndOAuth_TakesThem()
    {
        var options = LinearOptions.FromEnvironment(Env(
            ("LINEAR_API_KEY", "lin_api_abc"), ("LINEAR_API_URL", "http://127.0.0.1:9/graphql"), ("LINEAR_AUTH", "oauth")));

        Assert.Equal(new Uri("http://127.0.0.1:9/graphql"), options.Endpoint);
        Assert.Equal(LinearCredentialKind.OAuthToken, options.CredentialKind);
        Assert.Equal("Bearer lin_api_abc", options.AuthorizationValue);
    }

    [Theory]
    [InlineData(null, null, null, "LINEAR_API_KEY is not set")]
    [InlineData("k", "ftp://x/graphql", null, "LINEAR_API_URL is not an http(s) URL")]
    [InlineData("k", "not a url", null, "LINEAR_API_URL is not an http(s) URL")]
    [InlineData("k", null, "basic", "LINEAR_AUTH must be 'key'")]
    public void FromEnvironment_MissingOrMalformed_ThrowsInvalidConfiguration(string? key, string? url, string? auth, string start)
    {
        var error = Assert.Throws<SquadException>(() =>
            LinearOptions.FromEnvironment(Env(("LINEAR_API_KEY", key), ("LINEAR_API_URL", url), ("LINEAR_AUTH", auth))));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_Always_HidesTheCredential()
    {
        var options = new LinearOptions { Credential = "lin_api_SECRETsecret" };

        var text = options.ToString();

        Assert.DoesNotContain("SECRET", text, StringComparison.Ordinal);
        Assert.Contains("Credential = ***", text, StringComparison.Ordinal);
        Assert.Contains("https://api.linear.app/graphql", text, StringComparison.Ordinal);
    }

    private static Func<string, string?> Env(params (string Name, string? Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
