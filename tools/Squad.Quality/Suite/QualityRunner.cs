using System.Diagnostics;
using Squad.Core;
using Squad.Core.Agents;
using Squad.Core.Audit;
using Squad.Core.Domain;
using Squad.Core.Git;
using Squad.Core.Orchestration;
using Squad.Core.Sandbox;
using Squad.Core.Security;
using Squad.Local.Forge;
using Squad.Local.Tracking;
using Squad.Storage;

namespace Squad.Quality.Suite;

/// <summary>
/// Runs each task as a squad end to end on Squad's embedded defaults, composed as the CLI and the benchmark compose them
/// (SQLite store, local forge, local tracker, the shipped roles and prompts, the sandbox), then the task's hidden test on
/// a checkout of main, in the sandbox. Everything lives in a temporary folder deleted at the end.
/// </summary>
internal sealed class QualityRunner : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-quality-" + Path.GetRandomFileName());
    private readonly GitCli git = new();
    private readonly SqliteRunStore store;
    private readonly SqliteAuditLog audit;
    private readonly LocalForge forge;
    private readonly LocalTracker tracker = new(TimeProvider.System);
    private readonly ISandbox sandbox;

    public QualityRunner(ISandbox sandbox)
    {
        this.sandbox = sandbox;
        Directory.CreateDirectory(DataDirectory);
        store = new SqliteRunStore(Path.Combine(DataDirectory, "squad.db"), TimeProvider.System);
        audit = new SqliteAuditLog(Path.Combine(DataDirectory, "squad.db"), TimeProvider.System);
        forge = new LocalForge(Path.Combine(DataDirectory, "forge"), git, TimeProvider.System);
    }

    private string DataDirectory => Path.Combine(root, "data");

    public ProgressLog Progress { get; } = new();

    /// <summary>Runs one task with the roles of <paramref name="agents"/> and the models of <paramref name="models"/>.</summary>
    public async Task<TaskResult> RunAsync(QualityTask task, AgentCatalog agents, IAgentModelProvider models, PriceTable prices, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        var started = Stopwatch.GetTimestamp();
        var name = task.Definition.Id.ToLowerInvariant();
        var repository = await forge.ImportRepositoryAsync(name, task.RepositoryFolder, "main", cancellationToken);
        var folder = Path.Combine(root, "milestones", name);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "milestone.yml"), $"name: \"Quality {task.Definition.Id}\"\nrepository: {name}\ndefault_branch: main\n", cancellationToken);
        File.Copy(task.IssueFile, Path.Combine(folder, task.Definition.Id + ".md"));
        var milestone = await tracker.LoadMilestoneAsync(folder, cancellationToken);
        var ledger = new UsageLedger(prices);
        var report = await new MilestoneRunner(Services(agents, new MeteredModelProvider(models, ledger))).RunAsync(milestone, cancellationToken);
        var squad = report.Squads.Single(s => s.IssueIdentifier == task.Definition.Id);
        var resolved = await HiddenTestPassesAsync(task, repository.FetchUrl, cancellationToken);
        return new TaskResult
        {
            Id = task.Definition.Id,
            Language = task.Definition.Language,
            Resolved = resolved,
            Merged = squad.Outcome == SquadOutcome.Merged,
            Outcome = squad.Outcome.ToString() + (squad.Reason is { Length: > 0 } reason && squad.Outcome != SquadOutcome.Merged ? ": " + reason : ""),
            Roles = ledger.For(task.Definition.Id),
            Duration = Stopwatch.GetElapsedTime(started),
        };
    }

    public void Dispose()
    {
        store.Dispose();
        audit.Dispose();
        forge.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder must not hide the suite's result.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    /// <summary>The hidden test, on a fresh checkout of main: the agents' code runs in the sandbox, as every command they can influence.</summary>
    private async Task<bool> HiddenTestPassesAsync(QualityTask task, string fetchUrl, CancellationToken cancellationToken)
    {
        var checkout = Path.Combine(root, "hidden", task.Definition.Id);
        await git.RunAsync(root, ["clone", "-q", "--branch", "main", fetchUrl, checkout], cancellationToken: cancellationToken);
        foreach (var file in Directory.GetFiles(task.HiddenFolder, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(checkout, Path.GetRelativePath(task.HiddenFolder, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }

        if (task.Definition.HiddenSetup is { } setup && !(await RunAsync(setup, checkout, network: true, cancellationToken)).Succeeded)
        {
            return false;
        }

        return (await RunAsync(task.Definition.HiddenCommand, checkout, network: false, cancellationToken)).Succeeded;
    }

    private Task<SandboxResult> RunAsync(string command, string directory, bool network, CancellationToken cancellationToken)
        => sandbox.RunAsync(new SandboxCommand
        {
            CommandLine = command,
            WorkingDirectory = directory,
            Environment = CommandEnvironment.Create(network),
            Mounts = [.. CommandEnvironment.ToolchainCaches().Select(p => new SandboxMount { Path = p, Writable = network })],
            Network = network,
            Timeout = TimeSpan.FromMinutes(10),
        }, cancellationToken);

    private SquadServices Services(AgentCatalog agents, IAgentModelProvider models) => new()
    {
        Tracker = tracker,
        CodeHost = forge,
        Store = store,
        Audit = audit,
        Models = models,
        Agents = agents,
        Git = git,
        Redactor = SecretRedactor.FromEnvironment(),
        Sandbox = sandbox,
        Time = TimeProvider.System,
        Progress = Progress,
        Options = new SquadOptions
        {
            Concurrency = 1,
            ClonesDirectory = Path.Combine(DataDirectory, "clones"),
            WorktreesDirectory = Path.Combine(DataDirectory, "worktrees"),
            KillSwitchFile = Path.Combine(DataDirectory, "STOP-MERGES"),
            ToolchainCaches = CommandEnvironment.ToolchainCaches(),
        },
    };
}
