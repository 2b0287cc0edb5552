namespace Squad.Sentry.Tests;

public sealed class SentryLinkTests
{
    [Theory]
    [InlineData("See https://acme.sentry.io/issues/4711/?project=12 for details.", "acme", "4711", "https://acme.sentry.io/")]
    [InlineData("Created from Sentry issue [CHECKOUT-API-7Q](https://sentry.example.com/organizations/acme/issues/4711/).", "acme", "4711", "https://sentry.example.com/")]
    [InlineData("https://sentry.io/organizations/acme-shop/issues/123456789/events/9fac2ceed9344f2bbfdd1fdacb0ed9b1/", "acme-shop", "123456789", "https://sentry.io/")]
    [InlineData("first https://github.com/acme/shop/issues/3 then <https://acme.sentry.io/issues/42|CHECKOUT-1>", "acme", "42", "https://acme.sentry.io/")]
    public void Find_SentryIssueLink_ReadsOrganizationIssueAndApiRoot(string text, string organization, string issue, string apiRoot)
    {
        var link = SentryLink.Find(text);

        Assert.NotNull(link);
        Assert.Equal((organization, issue, apiRoot), (link.Organization, link.IssueId, link.ApiRoot.ToString()));
    }

    [Theory]
    [InlineData("No link at all.")]
    [InlineData("https://github.com/acme/shop/issues/3")]
    [InlineData("https://acme.sentry.io/settings/projects/")]
    [InlineData("https://acme.sentry.io/issues/CHECKOUT-API-7Q/")]
    [InlineData("https://evil.example/acme.sentry.io/issues/4711/")]
    [InlineData("https://a.b.sentry.io/issues/4711/")]
    [InlineData("ftp://sentry.example.com/organizations/acme/issues/4711/")]
    public void Find_NoReadableSentryIssueLink_IsNull(string text)
    {
        Assert.Null(SentryLink.Find(text));
    }
}
