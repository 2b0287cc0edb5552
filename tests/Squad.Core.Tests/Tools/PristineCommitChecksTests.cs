using Squad.Core.Configuration;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>
/// A writer's commit checks that are the head's evidence run on the staged tree in a pristine copy, not in the work tree:
/// the result is the one the reviewers' evidence reuses, and nothing the work tree holds besides the commit can sway it.
/// </summary>
public sealed class PristineCommitChecksTests : IDisposable
{
    private const string SquadYaml = """
        commands:
          lint: "! grep -rq TODO --include=*.txt ."
          test: "echo ran >> ran.log; test -f built.flag || sh test.sh"
        guardrails:
          before_commit: [lint, test]
          merge: [lint, test]
        """;

    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();
    private readonly RepositoryConfig config = RepositoryConfigLoader.Parse(SquadYaml, ".squad.yml");
    private readonly List<string> trees = [];

    public void Dispose() => workspace.Dispose();

    private async Task InitAsync()
    {
        await workspace.InitGitAsync();
        workspace.Write(".gitignore", "built.flag\nran.log\n");
        workspace.Write("test.sh", "grep -q hello greeting.txt\n");
        await workspace.Git.RunAsync(workspace.Root, ["add", "-A"]);
        await workspace.Git.RunAsync(workspace.Root, ["commit", "-q", "-m", "Add tests"], extraEnvironment: Git.GitCli.AuthorEnvironment(TestAgents.Setup));
    }

    /// <summary>
    /// Like the orchestrator's: the tree's files alone (no git metadata, nothing untracked) in a fresh folder, where the
    /// same commands run.
    /// </summary>
    private ToolContext Context(IReadOnlyList<string>? commitChecks = null)
    {
        var context = workspace.Context(TestAgents.Writer(commitChecks: commitChecks), config);
        return new ToolContext
        {
            WorkspaceRoot = context.WorkspaceRoot,
            Agent = context.Agent,
            Commands = context.Commands,
            Git = context.Git,
            Signature = context.Signature,
            PristineChecks = new PristineChecks(["lint", "test"], async (tree, token) =>
            {
                trees.Add(tree);
                var copy = Path.Combine(workspace.Temp, "copy-" + trees.Count);
                Directory.CreateDirectory(copy);
                var index = Path.Combine(workspace.Temp, "copy.index");
                var environment = new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index, ["GIT_WORK_TREE"] = copy };
                await workspace.Git.RunAsync(workspace.Root, ["read-tree", tree], extraEnvironment: environment, cancellationToken: token);
                await workspace.Git.RunAsync(workspace.Root, ["checkout-index", "-a", "-f"], extraEnvironment: environment, cancellationToken: token);
                File.Delete(index);
                return await context.Commands.RunUntilFailureAsync(["lint", "test"], copy, token);
            }),
        };
    }

    [Fact]
    public async Task Commit_ChecksAreTheEvidence_RunOnTheStagedTreeInACopy_NotInTheWorkTree()
    {
        await InitAsync();
        workspace.Write("greeting.txt", "hello\n");

        var result = await toolBox.InvokeAsync(ToolNames.Commit, TestAgents.Args(("message", "Add greeting")), Context());

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal(await workspace.GitOutputAsync("rev-parse", "HEAD^{tree}"), Assert.Single(trees));
        Assert.False(File.Exists(workspace.PathOf("ran.log")), "the work tree ran the checks too");
    }

    [Fact]
    public async Task Commit_WorkTreeHoldsAnIgnoredFileThatMakesTheTestsPass_IsRefusedOnWhatWouldBeCommitted()
    {
        await InitAsync();
        // The attack: the tests pass in the work tree only because of a file the commit leaves out.
        workspace.Write("built.flag", "");
        workspace.Write("greeting.txt", "goodbye\n");

        var result = await toolBox.InvokeAsync(ToolNames.Commit, TestAgents.Args(("message", "Add greeting")), Context());

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("commit refused: test failed", result.Output, StringComparison.Ordinal);
        Assert.Equal("Add tests", await workspace.GitOutputAsync("log", "-1", "--format=%s"));
        Assert.Equal("", await workspace.GitOutputAsync("diff", "--cached", "--name-only"));
    }

    [Fact]
    public async Task Commit_ChecksDifferFromTheEvidence_RunInTheWorkTree()
    {
        await InitAsync();
        workspace.Write("greeting.txt", "hello\n");

        // QA's commits run lint alone (its tests fail before the implementation): not the evidence, so no copy.
        var result = await toolBox.InvokeAsync(ToolNames.Commit, TestAgents.Args(("message", "Add greeting")), Context(commitChecks: ["lint"]));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Empty(trees);
    }
}
