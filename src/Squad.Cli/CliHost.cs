using Squad.Core;
using Squad.Core.Agents;
using Squad.Core.Git;
using Squad.Core.Orchestration;
using Squad.Core.Security;
using Squad.Local.Forge;
using Squad.Local.Tracking;
using Squad.Models.Scripted;
using Squad.Storage;

namespace Squad.Cli;

/// <summary>Composes Squad on the embedded defaults for one data directory: SQLite state, local forge, local tracker.</summary>
internal sealed class CliHost : IDisposable
{
    private CliHost(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        Directory.CreateDirectory(dataDirectory);
        Store = new SqliteRunStore(Path.Combine(dataDirectory, "squad.db"), Time);
        Forge = new LocalForge(Path.Combine(dataDirectory, "forge"), Git, Time);
        Tracker = new LocalTracker(Time);
    }

    public string DataDirectory { get; }

    public TimeProvider Time { get; } = TimeProvider.System;

    public GitCli Git { get; } = new();

    public SqliteRunStore Store { get; }

    public LocalForge Forge { get; }

    public LocalTracker Tracker { get; }

    /// <summary>The per-user data directory, unless one is given.</summary>
    public static CliHost Open(string? dataDirectory)
        => new(Path.GetFullPath(dataDirectory ?? DefaultDataDirectory()));

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

    /// <summary><c>scripted</c> (the milestone's <c>scripted-responses.yaml</c>) or <c>scripted:PATH</c>.</summary>
    public static ScriptedModelProvider CreateModels(string model, string milestoneFolder)
    {
        if (model == "scripted")
        {
            return new ScriptedModelProvider(Path.Combine(milestoneFolder, "scripted-responses.yaml"));
        }

        if (model.StartsWith("scripted:", StringComparison.Ordinal))
        {
            var path = Path.GetFullPath(model["scripted:".Length..]);
            return File.Exists(path)
                ? new ScriptedModelProvider(path)
                : throw new SquadException(SquadErrorCode.InvalidInput, $"script '{path}' does not exist: pass --model scripted:PATH with an existing file");
        }

        throw new SquadException(SquadErrorCode.InvalidInput, $"model '{model}' is not available: use --model scripted or scripted:PATH");
    }

    public SquadServices CreateServices(AgentCatalog agents, ScriptedModelProvider models, int concurrency, ISquadProgress progress) => new()
    {
        Tracker = Tracker,
        CodeHost = Forge,
        Store = Store,
        Models = models,
        Agents = agents,
        Git = Git,
        Redactor = SecretRedactor.FromEnvironment(),
        Time = Time,
        Progress = progress,
        Options = new SquadOptions
        {
            Concurrency = concurrency,
            ClonesDirectory = Path.Combine(DataDirectory, "clones"),
            WorktreesDirectory = Path.Combine(DataDirectory, "worktrees"),
            KillSwitchFile = Path.Combine(DataDirectory, "STOP-MERGES"),
        },
    };

    public void Dispose()
    {
        Store.Dispose();
        Forge.Dispose();
    }
}
