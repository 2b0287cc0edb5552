using Squad.Core.Domain;
using Squad.Core.Tracking;
using Squad.Testing;

namespace Squad.Linear.Tests.Contract;

/// <summary>Every GraphQL document Squad sends is valid against Linear's published schema, variables included.</summary>
public sealed class LinearSchemaContractTests
{
    [SchemaFact]
    public async Task Documents_EveryDocumentOfTheClient_IsValidAgainstLinearsSchema()
    {
        var results = await GraphQLSchemaValidator.ValidateAsync(LinearDocuments.All);

        var failures = LinearDocuments.All.Zip(results)
            .Where(r => r.Second.Count > 0)
            .Select(r => $"{LinearDocuments.NameOf(r.First)}: {string.Join("; ", r.Second)}");
        Assert.Empty(failures);
        Assert.Equal(LinearDocuments.All.Count, results.Count);
    }

    [SchemaFact]
    public async Task Documents_SentDuringEveryTrackerOperation_AreValidAndAllKnown()
    {
        await using var linear = new LinearHarness();
        await ExerciseEverythingAsync(linear);
        var sent = linear.Server.Requests.Select(r => r.Query).Distinct(StringComparer.Ordinal).ToList();

        var results = await GraphQLSchemaValidator.ValidateAsync(sent);

        Assert.All(results, errors => Assert.Empty(errors));
        Assert.Equal(LinearDocuments.All.Order(StringComparer.Ordinal), sent.Order(StringComparer.Ordinal));
    }

    [SchemaFact]
    public async Task ValidateAsync_DocumentWithAWrongFieldOrVariableType_ReportsIt()
    {
        string[] documents =
        [
            "query A($id: String!) { issue(id: $id) { id colour } }",
            "query B($teamId: Int!) { workflowStates(filter: { team: { id: { eq: $teamId } } }) { nodes { id } } }",
            "mutation C($id: String!) { issueUpdate(id: $id, input: { labelNames: [\"x\"] }) { success } }",
        ];

        var results = await GraphQLSchemaValidator.ValidateAsync(documents);

        Assert.All(results, errors => Assert.NotEmpty(errors));
        Assert.Contains(results[0], e => e.Contains("colour", StringComparison.Ordinal));
    }

    private static async Task ExerciseEverythingAsync(LinearHarness linear)
    {
        var issue = linear.AddIssue(1);
        for (var n = 1; n <= 21; n++)
        {
            issue.LabelIds.Add(linear.Store.AddLabel($"l{n}", linear.Team).Id);
            var blocker = linear.Store.AddIssue(linear.Team, null, 100 + n);
            linear.Store.Relations.Add(new Fakes.FakeRelation(blocker.Id, issue.Id, "blocks"));
        }

        var milestone = await linear.Tracker.LoadMilestoneAsync(linear.MilestoneUrl);
        await linear.Tracker.CreateIssueAsync(milestone, new Core.Tracking.IssueDraft { Identifier = "HEAL-1", Title = "Main is red", Body = "log\n<!-- m -->", Marker = "<!-- m -->" });
        await linear.Tracker.LoadMilestoneAsync(LinearUrl.Parse($"https://linear.app/acme/project/x-{LinearHarness.SlugId}", "Beta"));
        await linear.Tracker.LoadMilestoneAsync("https://linear.app/acme/issue/ENG-1/x");
        await linear.Tracker.LoadProjectAsync($"https://linear.app/acme/project/x-{LinearHarness.SlugId}", new IssueFilter { State = "Todo", Label = "l1" });
        await linear.Tracker.MoveAsync("ENG-1", IssueStateType.Started);
        await linear.Tracker.SetLabelAsync("ENG-1", "squad:needs-human", present: true);
        await linear.Tracker.CommentAsync("ENG-1", "PR opened");
        await linear.Tracker.ListCommentsAsync("ENG-1");
        await linear.Tracker.LinkPullRequestAsync("ENG-1", "https://github.com/acme/checkout/pull/1", "PR #1");
    }
}
