using Squad.Core.Tracking;
using Squad.Local.Tracking;
using Squad.Testing;

namespace Squad.Local.Tests.Tracking;

public sealed class LocalTrackerProjectTests : IDisposable
{
    private readonly TempMilestoneFolder milestone = new();
    private readonly LocalTracker tracker = new(new FakeTimeProvider());

    public LocalTrackerProjectTests()
    {
        milestone.Write("calc-1.md", TempMilestoneFolder.IssueFile("CALC-1", "Add", "state: done\nlabels: [squad-ready]\n"));
        milestone.Write("calc-2.md", TempMilestoneFolder.IssueFile("CALC-2", "Subtract", "state: todo\nlabels: [Squad-Ready, math]\nblocked_by: [CALC-1, CALC-4]\n"));
        milestone.Write("calc-3.md", TempMilestoneFolder.IssueFile("CALC-3", "Multiply", "state: in progress\nlabels: [squad-ready]\n"));
        milestone.Write("calc-4.md", TempMilestoneFolder.IssueFile("CALC-4", "Divide", "state: Todo\n"));
    }

    public void Dispose() => milestone.Dispose();

    [Fact]
    public async Task LoadProjectAsync_StateFilter_KeepsTheIssuesInThatStateWhateverTheCase()
    {
        var result = await tracker.LoadProjectAsync(milestone.Folder, new IssueFilter { State = "TODO" });

        Assert.Equal(["CALC-2", "CALC-4"], result.Issues.Select(i => i.Identifier));
        Assert.Equal(milestone.Folder, result.Key);
        Assert.Equal("calculator", result.Repository);
    }

    [Fact]
    public async Task LoadProjectAsync_StateAndLabel_KeepsTheIssuesMatchingBoth()
    {
        var result = await tracker.LoadProjectAsync(milestone.Folder, new IssueFilter { State = "todo", Label = "squad-ready" });

        Assert.Equal(["CALC-2"], result.Issues.Select(i => i.Identifier));
    }

    [Fact]
    public async Task LoadProjectAsync_BlockerAlreadyDone_NoLongerHoldsTheIssue()
    {
        var result = await tracker.LoadProjectAsync(milestone.Folder, new IssueFilter { Label = "squad-ready" });

        Assert.Equal(["CALC-1", "CALC-2", "CALC-3"], result.Issues.Select(i => i.Identifier));
        Assert.Equal(["CALC-4"], result.Issues.Single(i => i.Identifier == "CALC-2").BlockedBy);
    }

    [Fact]
    public async Task LoadProjectAsync_FilteredIssue_CanStillBeWrittenTo()
    {
        await tracker.LoadProjectAsync(milestone.Folder, new IssueFilter { State = "todo" });

        await tracker.SetLabelAsync("CALC-2", "squad:refused", present: true);

        Assert.Contains("squad:refused", await File.ReadAllTextAsync(Path.Combine(milestone.Folder, "calc-2.md")), StringComparison.Ordinal);
    }
}
