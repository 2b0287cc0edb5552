using Squad.Core;
using Squad.Local.Tracking;
using Squad.Testing;

namespace Squad.Local.Tests.Tracking;

public sealed class LocalTrackerErrorTests : IDisposable
{
    private readonly TempMilestoneFolder milestone = new();
    private readonly LocalTracker tracker = new(new FakeTimeProvider());

    public void Dispose() => milestone.Dispose();

    private async Task<SquadException> LoadFailsAsync()
    {
        var exception = await Assert.ThrowsAsync<SquadException>(() => tracker.LoadMilestoneAsync(milestone.Folder));
        Assert.Equal(SquadErrorCode.InvalidInput, exception.Code);
        Assert.DoesNotContain('\n', exception.Message);
        return exception;
    }

    [Fact]
    public async Task LoadMilestoneAsync_FolderMissing_SaysWhatToPass()
    {
        var missing = Path.Combine(milestone.Root, "nope");

        var exception = await Assert.ThrowsAsync<SquadException>(() => tracker.LoadMilestoneAsync(missing));

        Assert.Equal(
            $"milestone folder '{missing}' does not exist: pass a folder holding milestone.yml and one .md file per issue",
            exception.Message);
    }

    [Fact]
    public async Task LoadMilestoneAsync_MilestoneFileMissing_NamesTheFile()
    {
        File.Delete(milestone.PathOf("milestone.yml"));

        var exception = await LoadFailsAsync();

        Assert.StartsWith($"'{milestone.PathOf("milestone.yml")}' does not exist:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_MilestoneFileMalformed_NamesFileAndLine()
    {
        milestone.Write("milestone.yml", "name: M\nrepository: [calculator\n");

        var exception = await LoadFailsAsync();

        Assert.StartsWith($"'{milestone.PathOf("milestone.yml")}' is malformed, line ", exception.Message, StringComparison.Ordinal);
        Assert.EndsWith("fix the YAML", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_MilestoneFileWithoutRepository_SaysToAddIt()
    {
        milestone.Write("milestone.yml", "name: M\n");

        var exception = await LoadFailsAsync();

        Assert.Equal(
            $"'{milestone.PathOf("milestone.yml")}' has no 'repository': add 'repository: <the repository's name in the code host>'",
            exception.Message);
    }

    [Fact]
    public async Task LoadMilestoneAsync_SourceMissing_NamesTheFileAndThePath()
    {
        milestone.Write("milestone.yml", "repository: calculator\nsource: ../app\n");

        var exception = await LoadFailsAsync();

        Assert.Contains($"'{milestone.PathOf("milestone.yml")}' names source '../app'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(milestone.Root, "app"), exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_IssueWithoutFrontMatter_NamesTheFile()
    {
        var path = milestone.Write("a-1.md", "# Just a title\n\nNo front matter.\n");

        var exception = await LoadFailsAsync();

        Assert.StartsWith($"'{path}' has no front matter: start the file with a '---' line", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_UnterminatedFrontMatter_NamesTheFile()
    {
        var path = milestone.Write("a-1.md", "---\nidentifier: A-1\ntitle: One\n\nBody.\n");

        var exception = await LoadFailsAsync();

        Assert.Equal($"'{path}' has front matter with no closing '---' line: add it after the last key", exception.Message);
    }

    [Fact]
    public async Task LoadMilestoneAsync_MalformedFrontMatter_NamesFileAndFileLine()
    {
        var path = milestone.Write("a-1.md", "---\nidentifier: A-1\ntitle: One: two\n---\nBody.\n");

        var exception = await LoadFailsAsync();

        Assert.StartsWith($"'{path}' has malformed front matter, line 3 ('title: One: two'):", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_WrongValueType_NamesFileLineAndKey()
    {
        var path = milestone.Write("a-1.md", TempMilestoneFolder.IssueFile("A-1", "One", "priority: high\n"));

        var exception = await LoadFailsAsync();

        Assert.StartsWith($"'{path}' has malformed front matter, line 4 ('priority: high'):", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_LabelsNotAList_SaysToWriteAList()
    {
        var path = milestone.Write("a-1.md", TempMilestoneFolder.IssueFile("A-1", "One", "labels: bug\n"));

        var exception = await LoadFailsAsync();

        Assert.Contains($"'{path}' has malformed front matter, line 4 ('labels: bug'): a single value where a list belongs", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("---\ntitle: One\n---\n", "identifier")]
    [InlineData("---\nidentifier: A-1\n---\n", "title")]
    [InlineData("---\nidentifier: ' '\ntitle: One\n---\n", "identifier")]
    public async Task LoadMilestoneAsync_RequiredKeyMissing_NamesFileAndKey(string content, string key)
    {
        var path = milestone.Write("a-1.md", content);

        var exception = await LoadFailsAsync();

        Assert.StartsWith($"'{path}' has no '{key}' in its front matter: add '{key}: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_EmptyFrontMatter_NamesTheFile()
    {
        var path = milestone.Write("a-1.md", "---\n---\nBody.\n");

        var exception = await LoadFailsAsync();

        Assert.StartsWith($"'{path}' has empty front matter", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_UnknownState_ListsTheStates()
    {
        var path = milestone.Write("a-1.md", TempMilestoneFolder.IssueFile("A-1", "One", "state: doing\n"));

        var exception = await LoadFailsAsync();

        Assert.Equal(
            $"'{path}' has state 'doing': use one of backlog, todo, in progress, in review, done, canceled",
            exception.Message);
    }

    [Theory]
    [InlineData("priority: 5\n", "has priority 5")]
    [InlineData("estimate: -1\n", "has estimate -1")]
    public async Task LoadMilestoneAsync_OutOfRangeNumber_NamesFileAndValue(string yaml, string expected)
    {
        var path = milestone.Write("a-1.md", TempMilestoneFolder.IssueFile("A-1", "One", yaml));

        var exception = await LoadFailsAsync();

        Assert.StartsWith($"'{path}' {expected}:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadMilestoneAsync_DuplicateIdentifiers_NamesBothFiles()
    {
        var first = milestone.Write("a.md", TempMilestoneFolder.IssueFile("A-1", "One"));
        var second = milestone.Write("b.md", TempMilestoneFolder.IssueFile("a-1", "Two"));

        var exception = await LoadFailsAsync();

        Assert.Equal(
            $"identifier 'a-1' is used by both '{first}' and '{second}': give each issue its own identifier",
            exception.Message);
    }

    [Fact]
    public async Task LoadMilestoneAsync_BlockedBySelf_NamesTheFile()
    {
        var path = milestone.Write("a-1.md", TempMilestoneFolder.IssueFile("A-1", "One", "blocked_by: [A-2, A-1]\n"));

        var exception = await LoadFailsAsync();

        Assert.Equal($"'{path}' lists its own identifier 'A-1' in blocked_by: remove it", exception.Message);
    }

    [Fact]
    public async Task MoveAsync_IssueNotLoaded_SaysToLoadTheMilestone()
    {
        var exception = await Assert.ThrowsAsync<SquadException>(
            () => tracker.MoveAsync("A-1", Squad.Core.Domain.IssueStateType.Completed));

        Assert.Equal(
            "issue 'A-1' is not in a loaded milestone: load its milestone folder before writing to it",
            exception.Message);
    }

    [Fact]
    public async Task MoveAsync_FileDeletedAfterLoad_NamesTheFile()
    {
        var path = milestone.Write("a-1.md", TempMilestoneFolder.IssueFile("A-1", "One"));
        await tracker.LoadMilestoneAsync(milestone.Folder);
        File.Delete(path);

        var exception = await Assert.ThrowsAsync<SquadException>(
            () => tracker.MoveAsync("A-1", Squad.Core.Domain.IssueStateType.Completed));

        Assert.Contains($"'{path}', no longer exists", exception.Message, StringComparison.Ordinal);
    }
}
