using System.Text.Json;
using Squad.Core.Configuration;
using Squad.Core.Orchestration;
using Squad.Core.Security;
using Squad.Core.Tests.Orchestration;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Core.Tests.Tools;

/// <summary>
/// The shell tool and run_command's arguments: in the sandbox, without the orchestrator's secrets, confined to the tree
/// (a read-only role's to its throwaway copy), arguments never turned into shell code, long output paged.
/// </summary>
public sealed class ShellToolTests : IDisposable
{
    private static readonly string[] WriterTools = [.. TestAgents.WriterTools, ToolNames.Shell];
    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();

    public void Dispose() => workspace.Dispose();

    private Task<ToolCallResult> ShellAsync(string command, SecretRedactor? redactor = null, ToolContext? context = null)
        => toolBox.InvokeAsync(ToolNames.Shell, TestAgents.Args(("command", command)), context ?? workspace.Context(TestAgents.Writer(WriterTools), redactor: redactor));

    [Fact]
    public async Task Shell_Writer_RunsInItsTreeWithoutTheOrchestratorsSecrets()
    {
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable("SQUAD_TEST_SHELL_SECRET", canary);
        try
        {
            var result = await ShellAsync("env; echo made > made.txt");

            Assert.Equal(ToolCallStatus.Ok, result.Status);
            Assert.StartsWith("$ env; echo made > made.txt: exit 0\n", result.Output, StringComparison.Ordinal);
            Assert.Contains("SQUAD_AGENT=1", result.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(canary, result.Output, StringComparison.Ordinal);
            Assert.Equal("made\n", workspace.Read("made.txt"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SQUAD_TEST_SHELL_SECRET", null);
        }
    }

    [Fact]
    public async Task Shell_SecretInOutput_IsRedacted()
    {
        var secret = "sk-" + Guid.NewGuid().ToString("N");

        var result = await ShellAsync($"echo token={secret}", new SecretRedactor([secret]));

        Assert.DoesNotContain(secret, result.Output, StringComparison.Ordinal);
        Assert.Contains($"token={SecretRedactor.Mask}", result.Output, StringComparison.Ordinal);
    }

    [BubblewrapFact]
    public async Task Shell_ReadsOtherProcessesEnvironmentAndHome_FindsNoSecret()
    {
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable("SQUAD_TEST_SHELL_PROC_SECRET", canary);
        try
        {
            var result = await ShellAsync("cat /proc/*/environ 2>/dev/null | tr '\\0' '\\n'; ls -a \"$HOME\" /root 2>&1; cat /proc/1/cmdline");

            Assert.DoesNotContain(canary, result.Output, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SQUAD_TEST_SHELL_PROC_SECRET", null);
        }
    }

    [BubblewrapFact]
    public async Task Shell_WritesOutsideTheTree_ChangeNothingThere()
    {
        var canary = workspace.WriteOutside("canary.txt", "canary\n");

        var result = await ShellAsync($"echo pwned > '{canary}'; echo pwned > '{workspace.Outside}/new.txt'; echo pwned > ../outside/new2.txt; echo done");

        Assert.Contains("done", result.Output, StringComparison.Ordinal);
        Assert.Equal("canary\n", File.ReadAllText(canary));
        Assert.Equal([canary], Directory.GetFileSystemEntries(workspace.Outside));
    }

    [Fact]
    public async Task Shell_LongOutput_ShowsHeadAndTailAndKeepsTheWholeOutsideTheTree()
    {
        await workspace.InitGitAsync();
        var context = workspace.Context(TestAgents.Writer(WriterTools));

        var result = await ShellAsync("seq 1 1000", context: context);
        var page = await toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(("path", ".squad/output/1.txt"), ("start", "41"), ("end", "42")), context);

        Assert.StartsWith("$ seq 1 1000: exit 0\n1\n2\n", result.Output, StringComparison.Ordinal);
        Assert.Contains("40\n[... lines 41-960 left out ...]\n961\n", result.Output, StringComparison.Ordinal);
        Assert.EndsWith("1000\n[lines 1-40 and 961-1000 of 1000; the whole output is in .squad/output/1.txt: read_file path=.squad/output/1.txt start=41]", result.Output, StringComparison.Ordinal);
        Assert.Equal("    41\t41\n    42\t42\n[lines 41-42 of 1000; read_file path=.squad/output/1.txt start=43 for more]", page.Output);
        Assert.False(Directory.Exists(workspace.PathOf(".squad")));
        Assert.Equal("", await workspace.GitOutputAsync("status", "--porcelain"));
    }

    [Fact]
    public async Task Shell_KeptOutput_IsGoneWhenThePassEnds()
    {
        var context = workspace.Context(TestAgents.Writer(WriterTools));
        await ShellAsync("seq 1 500", context: context);
        var folder = context.Outputs.Folder!;

        context.Outputs.Dispose();

        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task Shell_ReadOnlyRoleWithoutACopy_IsRefusedAndRunsNothing()
    {
        var reader = TestAgents.Reader([.. TestAgents.ReviewerTools, ToolNames.Shell]);

        var result = await ShellAsync("echo pwned > pwned.txt", context: workspace.Context(reader));

        Assert.Equal("error: the role 'code-reviewer' is read-only and this pass has no throwaway copy for its commands", result.Output);
        Assert.False(File.Exists(workspace.PathOf("pwned.txt")));
    }

    [BubblewrapFact]
    public async Task Shell_ReviewerWritesAndCommits_ChangesNeitherItsReadingTreeNorTheBranch()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["src/app.txt"] = "steal the keys\n" });
        var git = new Git.GitCli();
        var head = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var readTree = await workspaces.CreateDetachedAsync(origin.Info, head, "X-1-code-reviewer");
        var copy = await workspaces.CreateCopyAsync(origin.Info, head, head, "X-1-code-reviewer-commands");
        var context = new ToolContext
        {
            WorkspaceRoot = readTree.Path,
            CommandRoot = _ => Task.FromResult(copy.Path),
            Agent = TestAgents.Reader([.. TestAgents.ReviewerTools, ToolNames.Shell]),
            Commands = new CommandRunner(new RepositoryConfig(), new SecretRedactor([]), TestSandbox.Create()),
            Git = git,
            Signature = TestWorkspace.Signature,
        };

        var ran = await ShellAsync(
            $"echo harmless > src/app.txt; echo new > new.txt; echo harmless > '{readTree.Path}/src/app.txt'; "
            + "git -c user.name=x -c user.email=x@x commit -qam pwned; git push -q origin HEAD:main; cat src/app.txt", context: context);
        var read = await toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(("path", "src/app.txt")), context);

        Assert.Contains("harmless", ran.Output, StringComparison.Ordinal);
        Assert.Equal("steal the keys\n", read.Output);
        Assert.Equal("steal the keys\n", await File.ReadAllTextAsync(Path.Combine(readTree.Path, "src", "app.txt")));
        Assert.False(File.Exists(Path.Combine(readTree.Path, "new.txt")));
        Assert.Equal(head, await git.RevParseAsync(readTree.Path, "HEAD"));
        Assert.Equal(head, await git.RevParseAsync(origin.Path, "main"));
        await workspaces.RemoveAsync(copy);
        await workspaces.RemoveAsync(readTree);
    }

    [Fact]
    public async Task RunCommand_Arguments_AreEachOneLiteralArgumentNeverShellCode()
    {
        var config = new RepositoryConfig { Commands = new Dictionary<string, string> { ["test"] = "printf '%s|'" } };
        using var arguments = JsonDocument.Parse("""["a b", "; touch pwned", "$(touch pwned2)", "`touch pwned3`", "it's", "--filter=X&&Y"]""");
        var args = new Dictionary<string, object?> { ["name"] = "test", ["args"] = arguments.RootElement.Clone() };

        var result = await toolBox.InvokeAsync(ToolNames.RunCommand, args, workspace.Context(TestAgents.Writer(), config));

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.EndsWith(": exit 0\na b|; touch pwned|$(touch pwned2)|`touch pwned3`|it's|--filter=X&&Y|", result.Output, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(workspace.Root, "pwned*"));
    }

    [Fact]
    public async Task RunCommand_OneStringArgument_IsOneArgument()
    {
        var config = new RepositoryConfig { Commands = new Dictionary<string, string> { ["test"] = "printf '%s|'" } };

        var result = await toolBox.InvokeAsync(ToolNames.RunCommand, TestAgents.Args(("name", "test"), ("args", "tests/one test.py")), workspace.Context(TestAgents.Writer(), config));

        Assert.Equal("test 'tests/one test.py': exit 0\ntests/one test.py|", result.Output);
    }
}
