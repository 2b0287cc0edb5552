using Squad.Core.Agents;
using Squad.Core.Configuration;
using Squad.Core.Domain;
using Squad.Core.Git;
using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>
/// A fresh temporary folder holding a worktree (<see cref="Root"/>) and, next to it, a folder outside
/// the worktree (<see cref="Outside"/>) that containment tests try to reach. Deleted at the end of the test.
/// </summary>
internal sealed class TestWorkspace : IDisposable
{
    public const string Signature = "Squad test signature · fake model";

    public TestWorkspace()
    {
        Temp = Path.Combine(Path.GetTempPath(), "squad-core-tools-" + Guid.NewGuid().ToString("N"));
        Root = Path.Combine(Temp, "repo");
        Outside = Path.Combine(Temp, "outside");
        Directory.CreateDirectory(Root);
        Directory.CreateDirectory(Outside);
    }

    /// <summary>The temporary folder holding both the worktree and the outside folder.</summary>
    public string Temp { get; }

    /// <summary>The worktree the tools are confined to.</summary>
    public string Root { get; }

    /// <summary>A folder outside the worktree.</summary>
    public string Outside { get; }

    public GitCli Git { get; } = new();

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public string Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public string WriteOutside(string name, string content)
    {
        var path = Path.Combine(Outside, name);
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>git init with a first commit holding <c>README.md</c>.</summary>
    public async Task InitGitAsync()
    {
        await Git.RunAsync(Root, ["init", "-q", "-b", "main"]);
        Write("README.md", "# Test repository\n");
        await Git.RunAsync(Root, ["add", "-A"]);
        await Git.RunAsync(Root, ["commit", "-q", "-m", "Initial commit"], extraEnvironment: GitCli.AuthorEnvironment(TestAgents.Setup));
    }

    public async Task<string> GitOutputAsync(params string[] arguments) => (await Git.RunAsync(Root, arguments)).Trim();

    public ToolContext Context(AgentDefinition agent, RepositoryConfig? config = null, IPullRequestThread? pullRequest = null, SecretRedactor? redactor = null) => new()
    {
        WorkspaceRoot = Root,
        Agent = agent,
        Commands = new CommandRunner(config ?? new RepositoryConfig(), redactor ?? new SecretRedactor([]), Squad.Testing.TestSandbox.Create()),
        Git = Git,
        PullRequest = pullRequest,
        Signature = Signature,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Temp, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that made it.
        }
    }
}

/// <summary>Role definitions for tests, built in code rather than read from <c>agents/</c>.</summary>
internal static class TestAgents
{
    public static readonly Identity Setup = new() { Name = "Test Setup", Email = "setup@example.test", Login = "setup" };

    public static readonly string[] WriterTools =
        [ToolNames.ReadFile, ToolNames.ListFiles, ToolNames.SearchFiles, ToolNames.WriteFile, ToolNames.EditFile, ToolNames.RunCommand, ToolNames.Commit, ToolNames.Comment];

    public static readonly string[] ReviewerTools =
        [ToolNames.ReadFile, ToolNames.ListFiles, ToolNames.SearchFiles, ToolNames.RunCommand, ToolNames.Comment, ToolNames.SubmitReview];

    public static AgentDefinition Writer(IReadOnlyList<string>? tools = null, IReadOnlyList<string>? commitChecks = null, string prompt = "You are the {{role}}.") => new()
    {
        Name = "developer",
        DisplayName = "Developer",
        Prompt = prompt,
        PromptFile = "developer.md",
        Tools = tools ?? WriterTools,
        ReadOnly = false,
        MaxTurns = 10,
        Model = "fake:strong",
        Identity = new Identity { Name = "Squad Developer", Email = "developer@squad.local", Login = "squad-developer" },
        CommitChecks = commitChecks,
    };

    /// <summary>A read-only reviewer whose tool list was (maliciously or by mistake) given every write tool.</summary>
    public static AgentDefinition MaliciousReader() => Reader([.. ReviewerTools, ToolNames.WriteFile, ToolNames.EditFile, ToolNames.Commit]);

    public static AgentDefinition Reader(IReadOnlyList<string>? tools = null) => new()
    {
        Name = "code-reviewer",
        DisplayName = "Code Reviewer",
        Prompt = "You are the {{role}}.",
        PromptFile = "code-reviewer.md",
        Tools = tools ?? ReviewerTools,
        ReadOnly = true,
        MaxTurns = 10,

        // A plain answer ends these reviewers' passes (unfinished) instead of being nudged: the tests of nudging say so.
        MaxNudges = 0,
        Model = "fake:cheap",
        Identity = new Identity { Name = "Squad Code Reviewer", Email = "code-reviewer@squad.local", Login = "squad-code-reviewer" },
    };

    public static Dictionary<string, object?> Args(params (string Name, string Value)[] arguments)
        => arguments.ToDictionary(a => a.Name, a => (object?)a.Value, StringComparer.Ordinal);
}
