using Squad.Core.Configuration;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>
/// A conflict round's commit, with real git: while the base branch is being merged into the work tree, <c>commit</c>
/// refuses to commit conflict markers and, once they are resolved, completes the merge (the base as second parent).
/// </summary>
public sealed class ConflictCommitTests : IDisposable
{
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();
    private readonly RepositoryConfig config = RepositoryConfigLoader.Parse("commands:\n  test: 'true'\nguardrails:\n  before_commit: [test]\n", ".squad.yml");

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task Commit_DuringAConflictedMerge_RefusesMarkersThenCompletesTheMergeOnceResolved()
    {
        var main = await ConflictedMergeAsync();
        var context = workspace.Context(TestAgents.Writer(), config);

        var refused = await toolBox.InvokeAsync(ToolNames.Commit, TestAgents.Args(("message", "Merge main")), context);
        workspace.Write("greeting.txt", "hello and hi\n");
        var committed = await toolBox.InvokeAsync(ToolNames.Commit, TestAgents.Args(("message", "Merge main, keep both")), context);

        Assert.Equal(ToolCallStatus.Failed, refused.Status);
        Assert.Contains("conflict markers remain in greeting.txt", refused.Output, StringComparison.Ordinal);
        Assert.Equal(ToolCallStatus.Ok, committed.Status);
        Assert.Equal(main, await workspace.GitOutputAsync("rev-parse", "HEAD^2"));
        Assert.Equal("hello and hi\n", await workspace.GitOutputAsync("show", "HEAD:greeting.txt") + "\n");
    }

    /// <summary>A branch and a main that both change greeting.txt; main merged into the branch, with markers left.</summary>
    private async Task<string> ConflictedMergeAsync()
    {
        await workspace.InitGitAsync();
        var author = Git.GitCli.AuthorEnvironment(TestAgents.Setup);
        workspace.Write("greeting.txt", "hello\n");
        await workspace.Git.RunAsync(workspace.Root, ["add", "-A"]);
        await workspace.Git.RunAsync(workspace.Root, ["commit", "-q", "-m", "Base"], extraEnvironment: author);
        await workspace.Git.RunAsync(workspace.Root, ["branch", "other"]);
        workspace.Write("greeting.txt", "hello there\n");
        await workspace.Git.RunAsync(workspace.Root, ["commit", "-q", "-am", "Branch"], extraEnvironment: author);
        await workspace.Git.RunAsync(workspace.Root, ["checkout", "-q", "other"]);
        workspace.Write("greeting.txt", "hi\n");
        await workspace.Git.RunAsync(workspace.Root, ["commit", "-q", "-am", "Main"], extraEnvironment: author);
        var main = await workspace.GitOutputAsync("rev-parse", "HEAD");
        await workspace.Git.RunAsync(workspace.Root, ["checkout", "-q", "-"]);
        var merge = await workspace.Git.TryRunAsync(workspace.Root, ["merge", "--no-ff", "--no-commit", "other"], extraEnvironment: author);
        Assert.Equal(1, merge.ExitCode);
        return main;
    }
}
