using System.Text.Json;

namespace Squad.Cli.Tests;

public sealed class BudgetTests : IDisposable
{
    private readonly NotesFixture notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Run_IssueTokenBudgetSpentAfterTheFirstCall_StopsTheSquadAsBudgetExceededAndSaysSoInTheTracker()
    {
        var result = await notes.RunAsync("--budget-issue-tokens", "1");

        Assert.Equal(12, result.ExitCode);
        var squad = result.Squad("NOTE-1");
        Assert.Equal("budget-exceeded", squad.GetProperty("outcome").GetString());
        Assert.Contains("the issue budget of 1 tokens is spent; NOTE-1 has used", squad.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(squad.TryGetProperty("pullRequest", out _));
        Assert.Equal(1, squad.GetProperty("usage").GetProperty("calls").GetInt32());
        Assert.Contains("squad:budget-exceeded", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md")), StringComparison.Ordinal);
        Assert.Contains("budget exceeded: the issue budget", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.comments.md")), StringComparison.Ordinal);
        Assert.Empty(TreeFolders.Files(notes.DataDirectory));
    }

    [Fact]
    public async Task Run_AgainAfterBudgetExceeded_StaysStoppedUntilTheBudgetIsRaised()
    {
        await notes.RunAsync("--budget-issue-tokens", "1");

        var same = await notes.RunAsync("--budget-issue-tokens", "1");
        var raised = await notes.RunAsync("--budget-issue-tokens", "1000000");

        Assert.Equal("budget-exceeded", same.Squad("NOTE-1").GetProperty("outcome").GetString());
        Assert.Equal(0, same.Squad("NOTE-1").GetProperty("usage").GetProperty("calls").GetInt32());
        Assert.Equal("merged", raised.Squad("NOTE-1").GetProperty("outcome").GetString());
        Assert.DoesNotContain("squad:budget-exceeded", await File.ReadAllTextAsync(Path.Combine(notes.Milestone, "NOTE-1.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MilestoneBudgetSpentBeforeReview_StopsTheSquadAndSaysSoOnItsPullRequest()
    {
        var budget = await TokensBeforeReviewAsync();

        var result = await notes.RunAsync("--budget-milestone-tokens", budget.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var squad = result.Squad("NOTE-1");
        Assert.Equal("budget-exceeded", squad.GetProperty("outcome").GetString());
        Assert.Contains("the milestone budget of", squad.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var pullRequest = squad.GetProperty("pullRequest");
        Assert.Equal("open", pullRequest.GetProperty("state").GetString());
        Assert.Contains(pullRequest.GetProperty("comments").EnumerateArray(), c => c.GetProperty("author").GetString() == "squad");
        Assert.Empty(pullRequest.GetProperty("reviews").EnumerateArray());
    }

    [Theory]
    [InlineData("--budget-issue-usd", "0")]
    [InlineData("--budget-milestone-tokens", "-5")]
    public async Task Run_BudgetNotAboveZero_ExitsTwoNamingTheOption(string option, string value)
    {
        var result = await notes.RunAsync(option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(option, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    /// <summary>
    /// A budget the QA and Developer passes spend before the first review call: all their tokens but
    /// half of the Developer's last call, measured on a run of a second copy of the fixture.
    /// </summary>
    private static async Task<long> TokensBeforeReviewAsync()
    {
        using var probe = new NotesFixture();
        await probe.RunAsync();
        var audit = await CliResult.RunAsync("audit", "--data-dir", probe.DataDirectory, "--json");
        var builders = audit.Json().GetProperty("modelCalls").EnumerateArray()
            .Where(c => c.GetProperty("role").GetString() is "qa" or "developer")
            .Select(c => c.GetProperty("inputTokens").GetInt64() + c.GetProperty("outputTokens").GetInt64())
            .ToList();
        return builders.Sum() - (builders[^1] / 2);
    }
}
