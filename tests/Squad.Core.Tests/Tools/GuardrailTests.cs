using Squad.Core.Configuration;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>The repository's guardrails around write and commit, with real git and real shell commands.</summary>
public sealed class GuardrailTests : IDisposable
{
    private const string SquadYaml = """
        commands:
          format: sed -i 's/[[:space:]]*$//' *.txt
          lint: "! grep -rq TODO --include=*.txt ."
          test: sh test.sh
        guardrails:
          after_write: [format]
          before_commit: [lint, test]
        """;

    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();
    private readonly RepositoryConfig config = RepositoryConfigLoader.Parse(SquadYaml, ".squad.yml");

    public void Dispose() => workspace.Dispose();

    private async Task InitAsync(string testScript = "echo tests-passed\n")
    {
        await workspace.InitGitAsync();
        workspace.Write("test.sh", testScript);
        await workspace.Git.RunAsync(workspace.Root, ["add", "-A"]);
        await workspace.Git.RunAsync(workspace.Root, ["commit", "-q", "-m", "Add tests"], extraEnvironment: Git.GitCli.AuthorEnvironment(TestAgents.Setup));
    }

    private Task<ToolCallResult> CommitAsync(ToolContext context, string message = "Add greeting")
        => toolBox.InvokeAsync(ToolNames.Commit, TestAgents.Args(("message", message)), context);

    [Fact]
    public void Parse_SquadYaml_ReadsCommandsAndGuardrails()
    {
        Assert.Equal(["format", "lint", "test"], config.Commands.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("sh test.sh", config.Commands["test"]);
        Assert.Equal(["format"], config.AfterWrite);
        Assert.Equal(["lint", "test"], config.BeforeCommit);
    }

    [Fact]
    public void Parse_GuardrailNamingUnknownCommand_ThrowsInvalidConfiguration()
    {
        var ex = Assert.Throws<SquadException>(() => RepositoryConfigLoader.Parse("commands:\n  lint: 'true'\nguardrails:\n  before_commit: [lint, test]\n", "repo/.squad.yml"));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, ex.Code);
        Assert.Contains("repo/.squad.yml", ex.Message, StringComparison.Ordinal);
        Assert.Contains("'test'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteFile_WithAfterWriteFormatter_FileComesBackFormatted()
    {
        await InitAsync();
        var context = workspace.Context(TestAgents.Writer(), config);

        var result = await toolBox.InvokeAsync(ToolNames.WriteFile, TestAgents.Args(("path", "greeting.txt"), ("content", "hello   \nworld\t\n")), context);

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal("wrote greeting.txt (formatted)\n     1\thello\n     2\tworld\n[lines 1-2 of 2]", result.Output);
        Assert.Equal("hello\nworld\n", workspace.Read("greeting.txt"));
    }

    [Fact]
    public async Task EditFile_WithAfterWriteFormatter_FileComesBackFormatted()
    {
        await InitAsync();
        workspace.Write("greeting.txt", "hello\n");
        var context = workspace.Context(TestAgents.Writer(), config);

        var result = await toolBox.InvokeAsync(
            ToolNames.EditFile, TestAgents.Args(("path", "greeting.txt"), ("old_text", "hello"), ("new_text", "hello, world   ")), context);

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal("hello, world\n", workspace.Read("greeting.txt"));
    }

    [Fact]
    public async Task EditFile_OldTextTwice_FailsAndFileUnchanged()
    {
        workspace.Write("a.txt", "x = 1\nx = 1\n");
        var context = workspace.Context(TestAgents.Writer(), config);

        var result = await toolBox.InvokeAsync(ToolNames.EditFile, TestAgents.Args(("path", "a.txt"), ("old_text", "x = 1"), ("new_text", "x = 2")), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("more than once", result.Output, StringComparison.Ordinal);
        Assert.Equal("x = 1\nx = 1\n", workspace.Read("a.txt"));
    }

    [Fact]
    public async Task WriteFile_FormatterFails_WriteSucceedsAndReportsFailure()
    {
        var failing = new RepositoryConfig
        {
            Commands = new Dictionary<string, string> { ["format"] = "echo cannot-format >&2; exit 3" },
            AfterWrite = ["format"],
        };
        var context = workspace.Context(TestAgents.Writer(), failing);

        var result = await toolBox.InvokeAsync(ToolNames.WriteFile, TestAgents.Args(("path", "a.txt"), ("content", "a")), context);

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Contains("format failed (exit 3)", result.Output, StringComparison.Ordinal);
        Assert.Contains("cannot-format", result.Output, StringComparison.Ordinal);
        Assert.Equal("a", workspace.Read("a.txt"));
    }

    [Fact]
    public async Task Commit_LintFails_IsRefusedNothingCommittedOutputReturned()
    {
        await InitAsync();
        var head = await workspace.GitOutputAsync("rev-parse", "HEAD");
        workspace.Write("notes.txt", "TODO finish this\n");
        var context = workspace.Context(TestAgents.Writer(), config);

        var result = await CommitAsync(context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("commit refused: lint failed (exit 1)", result.Output, StringComparison.Ordinal);
        Assert.Equal(head, await workspace.GitOutputAsync("rev-parse", "HEAD"));
        Assert.Equal("", await workspace.GitOutputAsync("diff", "--cached", "--name-only"));
        Assert.Equal("?? notes.txt", await workspace.GitOutputAsync("status", "--porcelain"));
        Assert.Empty(context.Commits);
    }

    [Fact]
    public async Task Commit_TestFails_IsRefusedWithTheTestOutput()
    {
        await InitAsync("echo 'FAILED: 1 of 3 tests'; exit 1\n");
        var head = await workspace.GitOutputAsync("rev-parse", "HEAD");
        workspace.Write("greeting.txt", "hello\n");
        var context = workspace.Context(TestAgents.Writer(), config);

        var result = await CommitAsync(context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("test failed (exit 1)", result.Output, StringComparison.Ordinal);
        Assert.Contains("FAILED: 1 of 3 tests", result.Output, StringComparison.Ordinal);
        Assert.Equal(head, await workspace.GitOutputAsync("rev-parse", "HEAD"));
    }

    [Fact]
    public async Task Commit_ChecksPass_CommitsAsTheAgentWithSignatureAndRoleTrailer()
    {
        await InitAsync();
        workspace.Write("greeting.txt", "hello\n");
        var context = workspace.Context(TestAgents.Writer(), config);

        var result = await CommitAsync(context, "Add greeting\n\nSays hello.");

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        var sha = await workspace.GitOutputAsync("rev-parse", "HEAD");
        Assert.Equal($"committed {sha[..12]}", result.Output);
        Assert.Equal([sha], context.Commits);
        Assert.Equal("Squad Developer <developer@squad.local>", await workspace.GitOutputAsync("log", "-1", "--format=%an <%ae>"));
        Assert.Equal("Squad Developer <developer@squad.local>", await workspace.GitOutputAsync("log", "-1", "--format=%cn <%ce>"));
        var message = await workspace.GitOutputAsync("log", "-1", "--format=%B");
        Assert.StartsWith("Add greeting\n\nSays hello.\n\n", message, StringComparison.Ordinal);
        Assert.EndsWith($"{TestWorkspace.Signature}\n\nSquad-Role: developer", message, StringComparison.Ordinal);
        Assert.Equal("greeting.txt", await workspace.GitOutputAsync("show", "--name-only", "--format=", "HEAD"));
        Assert.Equal("", await workspace.GitOutputAsync("status", "--porcelain"));
    }

    [Fact]
    public async Task Commit_ChecksPass_SquadRoleIsAGitTrailer()
    {
        await InitAsync();
        workspace.Write("greeting.txt", "hello\n");
        var context = workspace.Context(TestAgents.Writer(), config);

        var result = await CommitAsync(context);

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Equal("developer", await workspace.GitOutputAsync("log", "-1", "--format=%(trailers:key=Squad-Role,valueonly)"));
    }

    [Fact]
    public async Task Commit_CommitChecksLintOnly_SkipsTheFailingTest()
    {
        await InitAsync("echo 'red test'; exit 1\n");
        workspace.Write("greeting_test.txt", "expects greeting\n");
        var context = workspace.Context(TestAgents.Writer(commitChecks: ["lint"]), config);

        var result = await CommitAsync(context, "Add failing test");

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Single(context.Commits);
        Assert.Equal(context.Commits[0], await workspace.GitOutputAsync("rev-parse", "HEAD"));
    }

    [Fact]
    public async Task Commit_CommitChecksLintOnly_StillRefusesFailingLint()
    {
        await InitAsync();
        var head = await workspace.GitOutputAsync("rev-parse", "HEAD");
        workspace.Write("notes.txt", "TODO\n");
        var context = workspace.Context(TestAgents.Writer(commitChecks: ["lint"]), config);

        var result = await CommitAsync(context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("lint failed", result.Output, StringComparison.Ordinal);
        Assert.Equal(head, await workspace.GitOutputAsync("rev-parse", "HEAD"));
    }

    [Fact]
    public async Task Commit_NothingToCommit_Fails()
    {
        await InitAsync();
        var head = await workspace.GitOutputAsync("rev-parse", "HEAD");
        var context = workspace.Context(TestAgents.Writer(), config);

        var result = await CommitAsync(context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("nothing to commit", result.Output, StringComparison.Ordinal);
        Assert.Equal(head, await workspace.GitOutputAsync("rev-parse", "HEAD"));
        Assert.Empty(context.Commits);
    }

    [Fact]
    public async Task Commit_EmptyMessage_FailsAndCommitsNothing()
    {
        await InitAsync();
        var head = await workspace.GitOutputAsync("rev-parse", "HEAD");
        workspace.Write("greeting.txt", "hello\n");
        var context = workspace.Context(TestAgents.Writer(), config);

        var result = await CommitAsync(context, "   ");

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains("message is empty", result.Output, StringComparison.Ordinal);
        Assert.Equal(head, await workspace.GitOutputAsync("rev-parse", "HEAD"));
    }

    [Fact]
    public async Task Commit_RepositoryHookWouldReject_HooksDoNotRun()
    {
        await InitAsync();
        workspace.Write(".git/hooks/pre-commit", "#!/bin/sh\ntouch hook-ran\nexit 1\n");
        await Git.ProcessRunner.RunAsync("chmod", ["+x", ".git/hooks/pre-commit"], workspace.Root);
        workspace.Write("greeting.txt", "hello\n");
        var context = workspace.Context(TestAgents.Writer(), config);

        var result = await CommitAsync(context);

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.False(File.Exists(workspace.PathOf("hook-ran")));
    }

    [Fact]
    public void Load_MalformedSquadYaml_IsInvalidConfigurationNamingTheFile()
    {
        workspace.Write(RepositoryConfig.FileName, "commands:\n  lint: 'true'\nguardrails:\n  before_commit: [lint\nmax_diff_lines: 10\n");

        var ex = Record.Exception(() => RepositoryConfigLoader.Load(workspace.Root));

        var squad = Assert.IsType<SquadException>(ex);
        Assert.Equal(SquadErrorCode.InvalidConfiguration, squad.Code);
        Assert.Contains(RepositoryConfig.FileName, squad.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadIndentationInSquadYaml_IsInvalidConfigurationWithLine()
    {
        workspace.Write(RepositoryConfig.FileName, "commands:\n  lint: 'true'\n    test: 'true'\n");

        var ex = Assert.Throws<SquadException>(() => RepositoryConfigLoader.Load(workspace.Root));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, ex.Code);
        Assert.StartsWith(workspace.PathOf(RepositoryConfig.FileName) + ": line 3:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NoSquadYaml_NoGuardrailsButDefaultProtectedPaths()
    {
        var loaded = RepositoryConfigLoader.Load(workspace.Root);

        Assert.Empty(loaded.Commands);
        Assert.Empty(loaded.BeforeCommit);
        Assert.Equal(RepositoryConfig.DefaultProtectedPaths, loaded.ProtectedPaths);
    }

    [Fact]
    public async Task Commit_RepositoryDeveloperWithBuildGuardrail_RunsTheBuild()
    {
        await InitAsync();
        var developer = Core.Agents.AgentCatalog.Load(Agents.CatalogFolders.RepositoryAgents, Agents.CatalogFolders.RepositoryPrompts)[Domain.Role.Developer];
        var buildConfig = RepositoryConfigLoader.Parse(
            "commands:\n  build: echo build broken; exit 1\n  test: 'true'\nguardrails:\n  before_commit: [build, test]\n", ".squad.yml");
        var head = await workspace.GitOutputAsync("rev-parse", "HEAD");
        workspace.Write("greeting.txt", "hello\n");
        var context = workspace.Context(developer, buildConfig);

        var result = await CommitAsync(context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Equal(head, await workspace.GitOutputAsync("rev-parse", "HEAD"));
    }
}
