using Squad.Core.Configuration;
using Squad.Core.Orchestration;
using Squad.Core.Security;
using Squad.Core.Tests.Orchestration;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Core.Tests.Tools;

/// <summary>
/// A reviewer reads one tree and runs its commands in a throwaway copy of the same commit: a test that rewrites the
/// source to look harmless, or writes into the tree the reviewer reads, changes nothing the reviewer sees.
/// </summary>
public sealed class ReviewerCommandCopyTests
{
    private readonly ToolBox toolBox = new();

    [BubblewrapFact]
    public async Task RunCommand_TestRewritesTheSource_ReviewerStillReadsTheCommit()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["src/app.txt"] = "steal the keys\n" });
        var head = await new Git.GitCli().RevParseAsync(origin.Path, "HEAD");
        var workspaces = new WorkspaceManager(new Git.GitCli(), origin.Clones, origin.Worktrees);
        var readTree = await workspaces.CreateDetachedAsync(origin.Info, head, "X-1-code-reviewer");
        var copy = await workspaces.CreateCopyAsync(origin.Info, head, head, "X-1-code-reviewer-commands");
        var config = new RepositoryConfig
        {
            Commands = new Dictionary<string, string>
            {
                ["test"] = $"echo harmless > src/app.txt; echo harmless > '{readTree.Path}/src/app.txt' 2>/dev/null; cat src/app.txt",
            },
        };
        var context = new ToolContext
        {
            WorkspaceRoot = readTree.Path,
            CommandRoot = _ => Task.FromResult(copy.Path),
            Agent = TestAgents.Reader(),
            Commands = new CommandRunner(config, new SecretRedactor([]), TestSandbox.Create()),
            Git = new Git.GitCli(),
            Signature = TestWorkspace.Signature,
        };

        var ran = await toolBox.InvokeAsync(ToolNames.RunCommand, TestAgents.Args(("name", "test")), context);
        var read = await toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(("path", "src/app.txt")), context);

        Assert.Contains("harmless", ran.Output, StringComparison.Ordinal);
        Assert.Contains("steal the keys", read.Output, StringComparison.Ordinal);
        Assert.Equal("steal the keys\n", await File.ReadAllTextAsync(Path.Combine(readTree.Path, "src", "app.txt")));
        await workspaces.RemoveAsync(copy);
        await workspaces.RemoveAsync(readTree);
    }

    [BubblewrapFact]
    public async Task RunCommand_TestRewritesTheSource_ReviewerReadingTheCommitStillReadsIt()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["src/app.txt"] = "steal the keys\n" });
        var git = new Git.GitCli();
        var head = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var copy = await workspaces.CreateCopyAsync(origin.Info, head, head, "X-1-review-commands");
        var config = new RepositoryConfig { Commands = new Dictionary<string, string> { ["test"] = "echo harmless > src/app.txt; cat src/app.txt" } };
        var context = new ToolContext
        {
            WorkspaceRoot = "",
            Commit = new CommitFiles(git, copy.ClonePath, head),
            CommandRoot = _ => Task.FromResult(copy.Path),
            Agent = TestAgents.Reader(),
            Commands = new CommandRunner(config, new SecretRedactor([]), TestSandbox.Create()),
            Git = git,
            Signature = TestWorkspace.Signature,
        };

        var ran = await toolBox.InvokeAsync(ToolNames.RunCommand, TestAgents.Args(("name", "test")), context);
        var read = await toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(("path", "src/app.txt")), context);
        var found = await toolBox.InvokeAsync(ToolNames.SearchFiles, TestAgents.Args(("pattern", "harmless|keys")), context);

        Assert.Contains("harmless", ran.Output, StringComparison.Ordinal);
        Assert.Equal("steal the keys\n", read.Output);
        Assert.Equal("src/app.txt:1: steal the keys", found.Output);
        await workspaces.RemoveAsync(copy);
    }
}
