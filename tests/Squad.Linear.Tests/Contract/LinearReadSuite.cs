using Squad.Core;

namespace Squad.Linear.Tests.Contract;

/// <summary>
/// The read contract of <see cref="LinearTracker"/>, run against the fake (always) and the real Linear (when a key
/// and a test milestone are in the environment): the same checks, so the fake cannot drift from the service.
/// </summary>
public abstract class LinearReadSuite
{
    /// <summary>A milestone URL with at least one issue.</summary>
    protected abstract string MilestoneUrl { get; }

    protected abstract LinearTracker Tracker(string? credential = null);

    protected async Task AssertLoadsTheMilestoneAsync()
    {
        var milestone = await Tracker().LoadMilestoneAsync(MilestoneUrl);

        Assert.Equal($"linear:milestone:{LinearUrl.Parse(MilestoneUrl).MilestoneId}", milestone.Key);
        Assert.NotEmpty(milestone.Issues);
        Assert.Equal(milestone.Issues.Count, milestone.Issues.Select(i => i.Identifier).Distinct(StringComparer.Ordinal).Count());
        Assert.All(milestone.Issues, issue =>
        {
            Assert.Matches("^[A-Z][A-Z0-9_]*-[0-9]+$", issue.Identifier);
            Assert.False(string.IsNullOrWhiteSpace(issue.Title));
            Assert.StartsWith("https://linear.app/", issue.Url, StringComparison.Ordinal);
            Assert.InRange(issue.Priority, 0, 4);
        });
    }

    protected async Task AssertWrongKeyIsRefusedAsync()
    {
        var error = await LinearHarness.FailsAsync(() => Tracker("lin_api_FAKEfakeNOTAKEY0000000000").LoadMilestoneAsync(MilestoneUrl));

        Assert.Equal(SquadErrorCode.Integration, error.Code);
        Assert.Equal("Linear refused the API key (401): set LINEAR_API_KEY to a valid key", error.Message);
    }

    protected async Task AssertUnknownMilestoneIsInvalidInputAsync()
    {
        var known = LinearUrl.Parse(MilestoneUrl).MilestoneId!;
        var unknown = MilestoneUrl.Replace(known, "0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b", StringComparison.OrdinalIgnoreCase);

        var error = await LinearHarness.FailsAsync(() => Tracker().LoadMilestoneAsync(unknown));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.StartsWith("Linear has no milestone 0b0b0b0b-0b0b-4b0b-8b0b-0b0b0b0b0b0b", error.Message, StringComparison.Ordinal);
    }
}
