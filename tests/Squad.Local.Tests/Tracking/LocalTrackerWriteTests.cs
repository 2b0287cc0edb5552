using Squad.Core.Domain;
using Squad.Local.Tracking;
using Squad.Testing;

namespace Squad.Local.Tests.Tracking;

public sealed class LocalTrackerWriteTests : IDisposable
{
    private const string Body = "Why: people add.\n\n```gherkin\nScenario: Add\n  Given 2 and 3\n```\n";
    private const string Original =
        "---\n# owned by the calculator team\nidentifier: CALC-1\ntitle: Add two numbers\nstate: todo\nlabels:\n  - math\npriority: 2\n---\n\n" + Body;

    private readonly TempMilestoneFolder milestone = new();
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2025, 3, 4, 5, 6, 7, TimeSpan.Zero));
    private readonly LocalTracker tracker;
    private readonly string path;

    public LocalTrackerWriteTests()
    {
        tracker = new LocalTracker(clock);
        path = milestone.Write("calc-1.md", Original);
    }

    public void Dispose() => milestone.Dispose();

    private async Task<Issue> ReloadAsync() =>
        Assert.Single((await new LocalTracker(clock).LoadMilestoneAsync(milestone.Folder)).Issues);

    [Fact]
    public async Task MoveAsync_NewState_RewritesOnlyTheStateLine()
    {
        await tracker.LoadMilestoneAsync(milestone.Folder);

        await tracker.MoveAsync("CALC-1", IssueStateType.Started);

        Assert.Equal(Original.Replace("state: todo", "state: in progress", StringComparison.Ordinal), File.ReadAllText(path));
        Assert.Equal(IssueStateType.Started, (await ReloadAsync()).StateType);
    }

    [Fact]
    public async Task MoveAsync_NoStateKey_AddsIt()
    {
        var bare = TempMilestoneFolder.IssueFile("CALC-1", "Add", body: Body);
        milestone.Write("calc-1.md", bare);
        await tracker.LoadMilestoneAsync(milestone.Folder);

        await tracker.MoveAsync("calc-1", IssueStateType.Completed);

        var issue = await ReloadAsync();
        Assert.Equal(IssueStateType.Completed, issue.StateType);
        Assert.EndsWith("title: Add\nstate: done\n---\n\n" + Body, File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MoveAsync_CrlfFile_KeepsCrlf()
    {
        var crlf = Original.ReplaceLineEndings("\r\n");
        milestone.Write("calc-1.md", crlf);
        await tracker.LoadMilestoneAsync(milestone.Folder);

        await tracker.MoveAsync("CALC-1", IssueStateType.Review);

        Assert.Equal(crlf.Replace("state: todo", "state: in review", StringComparison.Ordinal), File.ReadAllText(path));
    }

    [Fact]
    public async Task MoveAsync_LeavesNoTemporaryFile()
    {
        await tracker.LoadMilestoneAsync(milestone.Folder);

        await tracker.MoveAsync("CALC-1", IssueStateType.Completed);

        Assert.Equal(["calc-1.md", "milestone.yml"], Directory.GetFiles(milestone.Folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public async Task SetLabelAsync_Present_AddsLabelAndKeepsBody()
    {
        await tracker.LoadMilestoneAsync(milestone.Folder);

        await tracker.SetLabelAsync("CALC-1", "squad:needs-human", present: true);

        var issue = await ReloadAsync();
        Assert.Equal(["math", "squad:needs-human"], issue.Labels);
        Assert.EndsWith("priority: 2\n---\n\n" + Body, File.ReadAllText(path), StringComparison.Ordinal);
        Assert.StartsWith("---\n# owned by the calculator team\nidentifier: CALC-1\n", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetLabelAsync_Absent_RemovesLabel()
    {
        await tracker.LoadMilestoneAsync(milestone.Folder);

        await tracker.SetLabelAsync("CALC-1", "MATH", present: false);

        Assert.Empty((await ReloadAsync()).Labels);
        Assert.Equal("Add two numbers", (await ReloadAsync()).Title);
    }

    [Fact]
    public async Task SetLabelAsync_AlreadyPresent_LeavesFileUntouched()
    {
        await tracker.LoadMilestoneAsync(milestone.Folder);

        await tracker.SetLabelAsync("CALC-1", "math", present: true);

        Assert.Equal(Original, File.ReadAllText(path));
    }

    [Fact]
    public async Task LinkPullRequestAsync_TwiceTheSameUrl_AddsOneLink()
    {
        await tracker.LoadMilestoneAsync(milestone.Folder);

        await tracker.LinkPullRequestAsync("CALC-1", "http://forge.local/calculator/pulls/1", "PR #1: Add two numbers");
        await tracker.LinkPullRequestAsync("CALC-1", "http://forge.local/calculator/pulls/1", "PR #1: Add two numbers");
        await tracker.LinkPullRequestAsync("CALC-1", "http://forge.local/calculator/pulls/2", "PR #2");

        var front = File.ReadAllText(path);
        Assert.Contains(
            "links:\n- title: 'PR #1: Add two numbers'\n  url: http://forge.local/calculator/pulls/1\n- title: 'PR #2'\n  url: http://forge.local/calculator/pulls/2\n---\n",
            front,
            StringComparison.Ordinal);
        Assert.Equal(Body, (await ReloadAsync()).Description + "\n");
    }

    [Fact]
    public async Task LinkPullRequestAsync_LongTitleWithQuotes_ReadsBackIntact()
    {
        var title = "PR #7: \"quoted\" and 'single' " + new string('x', 150);
        await tracker.LoadMilestoneAsync(milestone.Folder);

        await tracker.LinkPullRequestAsync("CALC-1", "http://forge.local/calculator/pulls/7", title);
        await tracker.SetLabelAsync("CALC-1", "squad:merged", present: true);

        var parsed = IssueFileParser.Parse(path, File.ReadAllText(path));
        var link = Assert.Single(parsed.Model.Links!);
        Assert.Equal(title, link.Title);
        Assert.Equal(["math", "squad:merged"], parsed.Issue.Labels);
    }

    [Fact]
    public async Task CommentAsync_TwoComments_AppendsTimestampedEntries()
    {
        await tracker.LoadMilestoneAsync(milestone.Folder);

        await tracker.CommentAsync("CALC-1", "Refused: no acceptance criteria.");
        clock.Advance(TimeSpan.FromMinutes(1));
        await tracker.CommentAsync("CALC-1", "Second\r\nline two");

        Assert.Equal(
            "# Comments on CALC-1\n\n---\n\n2025-03-04T05:06:07Z\n\nRefused: no acceptance criteria.\n\n---\n\n2025-03-04T05:07:07Z\n\nSecond\nline two\n\n",
            milestone.Read("calc-1.comments.md"));
        Assert.Equal(Original, File.ReadAllText(path));
    }

    [Fact]
    public async Task ListCommentsAsync_AfterComments_ReadsEachBodyBackInOrder()
    {
        await tracker.LoadMilestoneAsync(milestone.Folder);
        var before = await tracker.ListCommentsAsync("CALC-1");

        await tracker.CommentAsync("CALC-1", "First\n\n---\nSquad · signed\n\n<!-- squad-effect: CALC-1/tracker:pr-comment -->");
        await tracker.CommentAsync("CALC-1", "Second\r\nline two");

        Assert.Empty(before);
        Assert.Equal(
            ["First\n\n---\nSquad · signed\n\n<!-- squad-effect: CALC-1/tracker:pr-comment -->", "Second\nline two"],
            await tracker.ListCommentsAsync("CALC-1"));
    }

    [Fact]
    public async Task CommentAsync_ManyAtOnce_LosesNoEntry()
    {
        await tracker.LoadMilestoneAsync(milestone.Folder);

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() => tracker.CommentAsync("CALC-1", $"comment {i}"))));

        var text = milestone.Read("calc-1.comments.md");
        Assert.Equal(40, text.Split("\n---\n").Length - 1);
        Assert.All(Enumerable.Range(0, 40), i => Assert.Contains($"\ncomment {i}\n", text, StringComparison.Ordinal));
        Assert.Single(text.Split("# Comments on").Skip(1));
    }

    [Fact]
    public async Task SetLabelAsync_ManyAtOnceAcrossTrackers_KeepsEveryLabel()
    {
        var other = new LocalTracker(clock);
        await tracker.LoadMilestoneAsync(milestone.Folder);
        await other.LoadMilestoneAsync(milestone.Folder);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? tracker : other).SetLabelAsync("CALC-1", $"label-{i}", present: true))));

        var labels = (await ReloadAsync()).Labels;
        Assert.Equal(21, labels.Count);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Contains($"label-{i}", labels));
    }

    [Fact]
    public async Task MoveAsync_SameIdentifierInTwoLoadedMilestones_Refuses()
    {
        using var second = new TempMilestoneFolder();
        second.Write("calc-1.md", Original);
        await tracker.LoadMilestoneAsync(milestone.Folder);
        await tracker.LoadMilestoneAsync(second.Folder);

        var exception = await Assert.ThrowsAsync<Squad.Core.SquadException>(() => tracker.MoveAsync("CALC-1", IssueStateType.Completed));

        Assert.Contains("is in several loaded milestones", exception.Message, StringComparison.Ordinal);
        Assert.Equal(Original, File.ReadAllText(path));
    }
}
