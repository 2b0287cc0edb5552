using Squad.Core;

namespace Squad.Linear.Tests;

public sealed class LinearUrlTests
{
    private const string MilestoneId = "5b6a1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b";

    [Theory]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f/overview#milestone-5b6a1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b")]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f/issues#milestone-5B6A1F2E-3C4D-4E5F-8A9B-0C1D2E3F4A5B")]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f#milestone-5b6a1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b")]
    [InlineData("  https://LINEAR.app/acme/project/new-checkout-flow-1a2b3c4d5e6f/overview?view=x#milestone-5b6a1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b \n")]
    public void Parse_MilestoneUrl_TakesTheMilestoneIdInLowerCase(string text)
    {
        var url = LinearUrl.Parse(text);

        Assert.Equal(LinearReferenceKind.Milestone, url.Kind);
        Assert.Equal(MilestoneId, url.MilestoneId);
        Assert.Equal("1a2b3c4d5e6f", url.ProjectSlugId);
        Assert.Equal("acme", url.Workspace);
        Assert.Null(url.IssueIdentifier);
    }

    [Theory]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f")]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f/overview")]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f/issues#updates")]
    public void Parse_ProjectUrlWithMilestoneName_TakesSlugIdAndName(string text)
    {
        var url = LinearUrl.Parse(text, "  Beta ");

        Assert.Equal(LinearReferenceKind.ProjectMilestone, url.Kind);
        Assert.Equal("1a2b3c4d5e6f", url.ProjectSlugId);
        Assert.Equal("Beta", url.MilestoneName);
        Assert.Null(url.MilestoneId);
    }

    [Theory]
    [InlineData("https://linear.app/acme/issue/ENG-123/add-coupon-codes", "ENG-123")]
    [InlineData("https://linear.app/acme/issue/eng-7", "ENG-7")]
    [InlineData("https://linear.app/acme/issue/CHK2-45/title?x=1#comment-1", "CHK2-45")]
    public void Parse_IssueUrl_TakesTheIdentifierInUpperCase(string text, string identifier)
    {
        var url = LinearUrl.Parse(text);

        Assert.Equal(LinearReferenceKind.Issue, url.Kind);
        Assert.Equal(identifier, url.IssueIdentifier);
        Assert.Equal("acme", url.Workspace);
    }

    [Theory]
    [InlineData("")]
    [InlineData("ENG-123")]
    [InlineData("samples/checkout/milestone")]
    [InlineData("http://linear.app/acme/issue/ENG-123/x")]
    [InlineData("https://linear.example.com/acme/issue/ENG-123")]
    [InlineData("https://github.com/acme/checkout/issues/1")]
    [InlineData("https://linear.app/acme")]
    [InlineData("https://linear.app/acme/team/ENG/active")]
    [InlineData("https://linear.app/acme/view/my-view-0a1b2c3d4e5f")]
    [InlineData("https://linear.app/acme/projects/all")]
    [InlineData("https://linear.app/acme/issue/")]
    [InlineData("https://linear.app/acme/issue/123/x")]
    [InlineData("https://linear.app/acme/issue/ENG_123/x")]
    [InlineData("https://linear.app/acme/issue/ENG-123/x/y")]
    [InlineData("https://linear.app/acme/project/")]
    [InlineData("https://linear.app/acme/project/checkout-")]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f/overview/more/deep")]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f/overview#milestone-")]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f/overview#milestone-not-a-uuid")]
    public void Parse_UnacceptedForm_ThrowsInvalidInputListingTheAcceptedForms(string text)
    {
        var error = Assert.Throws<SquadException>(() => LinearUrl.Parse(text));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Contains(LinearUrl.AcceptedForms, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_ProjectUrlWithoutMilestoneName_AsksForMilestoneOption()
    {
        var error = Assert.Throws<SquadException>(() => LinearUrl.Parse("https://linear.app/acme/project/checkout-1a2b3c4d5e6f", " "));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Contains("--milestone <name>", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://linear.app/acme/issue/ENG-1/x")]
    [InlineData("https://linear.app/acme/project/checkout-1a2b3c4d5e6f/overview#milestone-5b6a1f2e-3c4d-4e5f-8a9b-0c1d2e3f4a5b")]
    public void Parse_MilestoneNameWithoutProjectUrl_ThrowsInvalidInput(string text)
    {
        var error = Assert.Throws<SquadException>(() => LinearUrl.Parse(text, "Beta"));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Contains("--milestone goes with a Linear project URL only", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://linear.app/acme/issue/ENG-1/x", true)]
    [InlineData("https://Linear.App/acme", true)]
    [InlineData("samples/checkout/milestone", false)]
    [InlineData("/abs/path", false)]
    [InlineData("https://github.com/acme", false)]
    public void IsLinearUrl_Text_TellsLinearUrlsApart(string text, bool expected) =>
        Assert.Equal(expected, LinearUrl.IsLinearUrl(text));
}
