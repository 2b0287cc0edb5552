using Squad.Core.Configuration;
using Squad.Core.Security;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Core.Tests.Tools;

/// <summary>
/// Never the same tree twice: a reviewer's bare command that a pristine copy of the same tree already ran under the same rules
/// is answered from the record, saying so; anything else runs (and a writer's commands always run: its tree is its own).
/// </summary>
public sealed class RecordedCommandTests : IDisposable
{
    private readonly ToolBox toolBox = new();
    private readonly TestWorkspace workspace = new();

    public void Dispose() => workspace.Dispose();

    [Fact]
    public async Task RunCommand_ReaderAsksForARecordedCommand_IsAnsweredFromTheRecordWithoutRunning()
    {
        var asked = new List<string>();
        var context = Context(TestAgents.Reader(), asked);

        var answer = await toolBox.InvokeAsync(ToolNames.RunCommand, TestAgents.Args(("name", "test")), context);

        Assert.Equal(["test"], asked);
        Assert.StartsWith("test: exit 0\n[recorded result: ", answer.Output, StringComparison.Ordinal);
        Assert.Contains("recorded result: `test` already ran on tree 0123456789ab in a pristine sandboxed copy under the same rules, after `lint` (the reviewers' evidence); not run again", answer.Output, StringComparison.Ordinal);
        Assert.Contains("3 passed", answer.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(workspace.PathOf("ran")));
    }

    [Fact]
    public async Task RunCommand_ReaderAddsArguments_RunsItForReal()
    {
        var context = Context(TestAgents.Reader(), []);

        var answer = await toolBox.InvokeAsync(ToolNames.RunCommand, new Dictionary<string, object?> { ["name"] = "test", ["args"] = new[] { "one" } }, context);

        Assert.DoesNotContain("recorded result", answer.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(workspace.PathOf("ran")));
    }

    [Fact]
    public async Task RunCommand_WriterInItsOwnWorkTree_NeverAnsweredFromARecord()
    {
        var asked = new List<string>();
        var context = Context(TestAgents.Writer(), asked);

        var answer = await toolBox.InvokeAsync(ToolNames.RunCommand, TestAgents.Args(("name", "test")), context);

        Assert.Empty(asked);
        Assert.DoesNotContain("recorded result", answer.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(workspace.PathOf("ran")));
    }

    [Fact]
    public async Task RunCommand_ReaderAsksForACommandWithNoRecord_RunsItInTheCopy()
    {
        var context = Context(TestAgents.Reader(), [], recorded: false);

        var answer = await toolBox.InvokeAsync(ToolNames.RunCommand, TestAgents.Args(("name", "test")), context);

        Assert.DoesNotContain("recorded result", answer.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(workspace.PathOf("ran")));
    }

    private ToolContext Context(Squad.Core.Agents.AgentDefinition agent, List<string> asked, bool recorded = true)
    {
        var config = new RepositoryConfig { Commands = new Dictionary<string, string> { ["test"] = "touch ran; echo ran for real", ["lint"] = "true" } };
        var outcome = new CommandOutcome { Name = "test", ExitCode = 0, Output = "3 passed", FullOutput = "3 passed", Duration = TimeSpan.FromSeconds(2) };
        return new ToolContext
        {
            WorkspaceRoot = workspace.Root,
            CommandRoot = agent.ReadOnly ? _ => Task.FromResult(workspace.Root) : null,
            RecordedResult = (name, _) =>
            {
                asked.Add(name);
                return Task.FromResult(recorded ? new RecordedCommand(outcome, "0123456789abcdef0123", ["lint"], "the reviewers' evidence") : null);
            },
            Agent = agent,
            Commands = new CommandRunner(config, new SecretRedactor([]), TestSandbox.Create()),
            Git = workspace.Git,
            Signature = TestWorkspace.Signature,
        };
    }
}
