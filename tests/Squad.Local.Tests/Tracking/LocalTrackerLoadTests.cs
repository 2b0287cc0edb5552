using Squad.Core.Domain;
using Squad.Local.Tracking;
using Squad.Testing;

namespace Squad.Local.Tests.Tracking;

public sealed class LocalTrackerLoadTests : IDisposable
{
    private readonly TempMilestoneFolder milestone = new();
    private readonly LocalTracker tracker = new(new FakeTimeProvider());

    public void Dispose() => milestone.Dispose();

    private void WriteThreeIssues()
    {
        milestone.Write("calc-10.md", TempMilestoneFolder.IssueFile(
            "CALC-10", "Divide", "state: In Progress\nlabels: [math, squad]\npriority: 2\nestimate: 3\nblocked_by:\n  - CALC-2\nbranch: calc-10-divide\n",
            "Why: users divide.\n\n```gherkin\nScenario: Divide\n  Given 6 and 3\n```\n"));
        milestone.Write("calc-2.md", TempMilestoneFolder.IssueFile("CALC-2", "Add", "state: todo\n"));
        milestone.Write("calc-9.md", TempMilestoneFolder.IssueFile("CALC-9", "Subtract", "state: BACKLOG\n"));
    }

    [Fact]
    public async Task LoadMilestoneAsync_ThreeIssues_ReadsMilestoneAndAllIssues()
    {
        WriteThreeIssues();

        var result = await tracker.LoadMilestoneAsync(milestone.Folder + Path.DirectorySeparatorChar);

        Assert.Equal(milestone.Folder, result.Key);
        Assert.Equal("Calculator v1", result.Name);
        Assert.Equal("calculator", result.Repository);
        Assert.Equal(3, result.Issues.Count);
    }

    [Fact]
    public async Task LoadMilestoneAsync_Identifiers_AreInNaturalOrder()
    {
        WriteThreeIssues();

        var result = await tracker.LoadMilestoneAsync(milestone.Folder);

        Assert.Equal(["CALC-2", "CALC-9", "CALC-10"], result.Issues.Select(issue => issue.Identifier));
    }

    [Fact]
    public async Task LoadMilestoneAsync_FrontMatter_MapsToIssueFields()
    {
        WriteThreeIssues();

        var issue = (await tracker.LoadMilestoneAsync(milestone.Folder)).Issues.Single(i => i.Identifier == "CALC-10");

        Assert.Equal("Divide", issue.Title);
        Assert.Equal(IssueStateType.Started, issue.StateType);
        Assert.Equal(["math", "squad"], issue.Labels);
        Assert.Equal(2, issue.Priority);
        Assert.Equal(3, issue.Estimate);
        Assert.Equal(["CALC-2"], issue.BlockedBy);
        Assert.Equal("calc-10-divide", issue.BranchName);
        Assert.StartsWith("Why: users divide.\n\n```gherkin\n", issue.Description, StringComparison.Ordinal);
        Assert.EndsWith("```", issue.Description, StringComparison.Ordinal);
        Assert.Equal(new Uri(milestone.PathOf("calc-10.md")).AbsoluteUri, issue.Url);
    }

    [Theory]
    [InlineData("backlog", IssueStateType.Backlog)]
    [InlineData("Todo", IssueStateType.Unstarted)]
    [InlineData("in progress", IssueStateType.Started)]
    [InlineData("In Review", IssueStateType.Review)]
    [InlineData("DONE", IssueStateType.Completed)]
    [InlineData("canceled", IssueStateType.Canceled)]
    public async Task LoadMilestoneAsync_StateName_MapsToStateType(string state, IssueStateType expected)
    {
        milestone.Write("a-1.md", TempMilestoneFolder.IssueFile("A-1", "One", $"state: {state}\n"));

        var issue = Assert.Single((await tracker.LoadMilestoneAsync(milestone.Folder)).Issues);

        Assert.Equal(expected, issue.StateType);
        Assert.Equal(state, issue.State);
    }

    [Fact]
    public async Task LoadMilestoneAsync_OptionalKeysAbsent_UsesDefaults()
    {
        milestone.Write("a-1.md", TempMilestoneFolder.IssueFile("A-1", "One"));

        var issue = Assert.Single((await tracker.LoadMilestoneAsync(milestone.Folder)).Issues);

        Assert.Equal(IssueStateType.Unstarted, issue.StateType);
        Assert.Empty(issue.Labels);
        Assert.Empty(issue.BlockedBy);
        Assert.Equal(0, issue.Priority);
        Assert.Null(issue.Estimate);
        Assert.Null(issue.BranchName);
    }

    [Fact]
    public async Task LoadMilestoneAsync_ReadmeAndCommentFiles_AreNotIssues()
    {
        milestone.Write("a-1.md", TempMilestoneFolder.IssueFile("A-1", "One"));
        milestone.Write("README.md", "# About this milestone\n");
        milestone.Write("a-1.comments.md", "# Comments on A-1\n");
        milestone.Write("notes.txt", "not markdown");

        var result = await tracker.LoadMilestoneAsync(milestone.Folder);

        Assert.Equal("A-1", Assert.Single(result.Issues).Identifier);
    }

    [Fact]
    public async Task LoadMilestoneAsync_NoName_UsesFolderName()
    {
        milestone.Write("milestone.yml", "repository: calculator\n");

        var result = await tracker.LoadMilestoneAsync(milestone.Folder);

        Assert.Equal("milestone", result.Name);
        Assert.Empty(result.Issues);
    }

    [Fact]
    public void ReadMilestoneFile_SourceAndBranch_AreResolved()
    {
        Directory.CreateDirectory(Path.Combine(milestone.Root, "app"));
        milestone.Write("milestone.yml", "name: M\nrepository: calculator\nsource: ../app\ndefault_branch: trunk\n");

        var info = LocalTracker.ReadMilestoneFile(milestone.Folder);

        Assert.Equal(Path.Combine(milestone.Root, "app"), info.Source);
        Assert.Equal("trunk", info.DefaultBranch);
        Assert.Equal(milestone.Folder, info.Folder);
    }

    [Fact]
    public void ReadMilestoneFile_NoSourceNorBranch_DefaultsToMain()
    {
        var info = LocalTracker.ReadMilestoneFile(milestone.Folder);

        Assert.Null(info.Source);
        Assert.Equal("main", info.DefaultBranch);
    }
}
