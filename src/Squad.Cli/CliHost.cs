using Squad.Core.Agents;
using Squad.Core.Audit;
using Squad.Core.Git;
using Squad.Core.Orchestration;
using Squad.Core.Sandbox;
using Squad.Core.Security;
using Squad.Local.Forge;
using Squad.Local.Tracking;
using Squad.Models;
using Squad.Storage;

namespace Squad.Cli;

/// <summary>Composes Squad on the embedded defaults for one data directory: SQLite state, local forge, local tracker.</summary>
internal sealed class CliHost : IDisposable
{
    private CliHost(string dataDirectory, string? forgeDirectory = null)
    {
        DataDirectory = dataDirectory;
        Directory.CreateDirectory(dataDirectory);
        Store = new SqliteRunStore(Path.Combine(dataDirectory, "squad.db"), Time);
        Audit = new SqliteAuditLog(Path.Combine(dataDirectory, "squad.db"), Time);
        GuardrailRecords = new SqliteGuardrailRecords(Path.Combine(dataDirectory, "squad.db"), Time);
        Forge = new LocalForge(forgeDirectory ?? Path.Combine(dataDirectory, "forge"), Git, Time);
        Tracker = new LocalTracker(Time);
        worktrees = new(() => WorktreeMemory.Open(dataDirectory, Environment.GetEnvironmentVariable(WorktreeMemory.Setting), out _));
    }

    private readonly Lazy<WorktreeMemory?> worktrees;

    public string DataDirectory { get; }

    public TimeProvider Time { get; } = TimeProvider.System;

    public GitCli Git { get; } = new();

    public SqliteRunStore Store { get; }

    public SqliteAuditLog Audit { get; }

    public LocalForge Forge { get; }

    /// <summary>Guardrail results of pristine copies, kept in the state database so a resumed run does not test a tree again.</summary>
    public SqliteGuardrailRecords GuardrailRecords { get; }

    /// <summary>The conversations of agent passes, content-addressed by the audit trail's hashes.</summary>
    public FileTrajectoryStore Trajectories => new(Path.Combine(DataDirectory, "trajectories"));

    public LocalTracker Tracker { get; }

    /// <summary>
    /// The folder in memory where work trees and copies go (a private folder on the tmpfs <c>/dev/shm</c>) unless
    /// <c>SQUAD_WORKTREES=disk</c> or the machine has none; opened on first use. With trees on disk, a folder an earlier
    /// run left there, so the sweeps clear it.
    /// </summary>
    public WorktreeMemory? Worktrees => worktrees.Value;

    /// <summary>The per-user data directory, unless one is given.</summary>
    public static CliHost Open(string? dataDirectory)
        => new(Path.GetFullPath(dataDirectory ?? DefaultDataDirectory()));

    /// <summary>A data directory whose local forge lives elsewhere: the forge a one-machine test cluster's nodes share.</summary>
    public static CliHost Open(string? dataDirectory, string? forgeDirectory)
        => new(Path.GetFullPath(dataDirectory ?? DefaultDataDirectory()), forgeDirectory is null ? null : Path.GetFullPath(forgeDirectory));

    public static string DefaultDataDirectory()
        => Environment.GetEnvironmentVariable("SQUAD_DATA_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "squad");

    /// <summary>Where agents/, prompts/ and samples/ ship: next to the binary.</summary>
    public static string InstallDirectory => AppContext.BaseDirectory;

    public static AgentCatalog LoadAgents(string? agentsDirectory, string? promptsDirectory)
        => AgentCatalog.Load(
            agentsDirectory ?? Path.Combine(InstallDirectory, "agents"),
            promptsDirectory ?? Path.Combine(InstallDirectory, "prompts"));

    /// <summary>The <c>prices.yaml</c> shipped with Squad, with the entries of <paramref name="pricesFile"/> added or replacing its own.</summary>
    public static PriceTable LoadPrices(string? pricesFile)
    {
        var shipped = Path.Combine(InstallDirectory, "prices.yaml");
        var prices = File.Exists(shipped) ? PriceTable.Load(shipped) : PriceTable.Empty;
        return pricesFile is null ? prices : prices.With(PriceTable.Load(Path.GetFullPath(pricesFile)));
    }

    /// <summary>
    /// The models the roles name: <c>openai:MODEL</c>, <c>anthropic:MODEL</c>, <c>scripted</c> (the milestone's
    /// <c>scripted-responses.yaml</c>) or <c>scripted:PATH</c>. Keys are read from the environment here, before the run.
    /// </summary>
    public static IAgentModelProvider CreateModels(AgentCatalog agents, string milestoneFolder)
        => ModelProviderFactory.Create(
            new ModelSettings { Models = [.. agents.All.Select(a => a.Model).Distinct(StringComparer.Ordinal)] },
            Path.Combine(milestoneFolder, "scripted-responses.yaml"));

    public SquadServices CreateServices(AgentCatalog agents, IAgentModelProvider models, int concurrency, ISquadProgress progress, ISandbox sandbox) => new()
    {
        Sandbox = sandbox,
        Tracker = Tracker,
        CodeHost = Forge,
        Store = Store,
        Audit = Audit,
        Trajectories = Trajectories,
        Models = models,
        Agents = agents,
        Git = Git,
        Redactor = SecretRedactor.FromEnvironment(),
        Time = Time,
        Progress = progress,
        GuardrailResults = new GuardrailResults(GuardrailRecords, Time),
        Options = new SquadOptions
        {
            Concurrency = concurrency,
            ClonesDirectory = Path.Combine(DataDirectory, "clones"),
            WorktreesDirectory = Path.Combine(DataDirectory, "worktrees"),
            MemoryWorktrees = Worktrees,
            KillSwitchFile = Path.Combine(DataDirectory, "STOP-MERGES"),
            ToolchainCaches = CommandEnvironment.ToolchainCaches(),
        },
    };

    public void Dispose()
    {
        Store.Dispose();
        Audit.Dispose();
        GuardrailRecords.Dispose();
        Forge.Dispose();
    }
}
