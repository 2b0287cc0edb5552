using Squad.Core.Agents;
using Squad.Core.Configuration;
using Squad.Core.Domain;
using Squad.Core.Git;
using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Models.Tests;

/// <summary>
/// One agent pass of the real <see cref="AgentRunner"/> with the real tools over a temporary worktree, for driving a
/// model provider end to end. The worktree is removed on dispose.
/// </summary>
public sealed class AgentPass : IDisposable
{
    public const string Briefing = "Read notes.txt with read_file and answer with its content.";

    public AgentPass()
    {
        Root = Path.Combine(Path.GetTempPath(), "squad-models-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    /// <summary>The worktree the tools work in.</summary>
    public string Root { get; }

    public void Write(string relative, string content) => File.WriteAllText(Path.Combine(Root, relative), content);

    /// <summary>A read-only role that may read and list files.</summary>
    public static AgentDefinition Reader(string model, int maxTurns = 5) => new()
    {
        Name = "code-reviewer",
        DisplayName = "Code Reviewer",
        Prompt = "You are the {{role}}. Your tools: {{tools}}.",
        PromptFile = "code-reviewer.md",
        Tools = [ToolNames.ReadFile, ToolNames.ListFiles],
        ReadOnly = true,
        MaxTurns = maxTurns,
        Model = model,
        Identity = new Identity { Name = "Squad Code Reviewer", Email = "code-reviewer@squad.local", Login = "squad-code-reviewer" },
    };

    public static AgentInvocation Invocation(AgentDefinition agent) => new()
    {
        RunId = "run-1",
        IssueIdentifier = "CALC-1",
        Role = agent.Name,
        Pass = 1,
        Model = agent.Model,
    };

    public Task<AgentResult> RunAsync(IAgentModelProvider models, AgentDefinition agent, string briefing = Briefing, CancellationToken cancellationToken = default)
        => new AgentRunner(models, new ToolBox()).RunAsync(Invocation(agent), agent, briefing, Context(agent), cancellationToken);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that made it.
        }
    }

    private ToolContext Context(AgentDefinition agent) => new()
    {
        WorkspaceRoot = Root,
        Agent = agent,
        Commands = new CommandRunner(new RepositoryConfig(), new SecretRedactor([]), Squad.Testing.TestSandbox.Create()),
        Git = new GitCli(),
        Signature = "Squad test signature",
    };
}
