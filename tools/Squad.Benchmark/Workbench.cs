using System.Diagnostics;
using Squad.Core;
using Squad.Core.Agents;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.Core.Orchestration;
using Squad.Core.Security;
using Squad.Core.Tools;
using Squad.Local.Forge;
using Squad.Local.Tracking;
using Squad.Models.Scripted;
using Squad.Storage;

namespace Squad.Benchmark;

/// <summary>
/// Squad on its embedded defaults, composed as the CLI composes it (SQLite run store, local forge,
/// local tracker, the shipped roles and prompts, the scripted model), in a temporary folder that is
/// deleted at the end. Every run starts from the same repository: the forge's main is reset first.
/// </summary>
internal sealed class Workbench : IDisposable
{
    private readonly string root;
    private readonly BenchmarkSettings settings;
    private readonly GitCli git = new();
    private readonly SqliteRunStore store;
    private readonly SqliteAuditLog audit;
    private readonly LocalForge forge;
    private readonly LocalTracker tracker = new(TimeProvider.System);
    private readonly AgentCatalog agents;
    private readonly WorktreeMemory? memory;
    private RepositoryInfo? repository;
    private string? baseCommit;

    public Workbench(BenchmarkSettings settings)
    {
        this.settings = settings;
        root = Path.Combine(Path.GetTempPath(), "squad-benchmark-" + Path.GetRandomFileName());
        Directory.CreateDirectory(DataDirectory);
        store = new SqliteRunStore(Path.Combine(DataDirectory, "squad.db"), TimeProvider.System);
        audit = new SqliteAuditLog(Path.Combine(DataDirectory, "squad.db"), TimeProvider.System);
        forge = new LocalForge(Path.Combine(DataDirectory, "forge"), git, TimeProvider.System);
        agents = AgentCatalog.Load(Path.Combine(AppContext.BaseDirectory, "agents"), Path.Combine(AppContext.BaseDirectory, "prompts")).WithModel("scripted");
        memory = WorktreeMemory.Open(DataDirectory, Environment.GetEnvironmentVariable(WorktreeMemory.Setting), out var where);
        WorktreesWhere = where;
    }

    /// <summary>Where the squads' trees go, as the CLI decides it (<c>SQUAD_WORKTREES</c>, a tmpfs at /dev/shm).</summary>
    public string WorktreesWhere { get; }

    /// <summary>Whether the squads' trees go in memory, so the raw yardstick is taken there too.</summary>
    public bool TreesInMemory => memory is { TakesTrees: true };

    public RepositoryManifest Repository { get; private set; } = null!;

    private string DataDirectory => Path.Combine(root, "data");

    private string ClonesDirectory => Path.Combine(DataDirectory, "clones");

    private string WorktreesDirectory => Path.Combine(DataDirectory, "worktrees");

    /// <summary>Generates the repository and imports it into the forge, history and all.</summary>
    public async Task PrepareAsync(CancellationToken cancellationToken = default)
    {
        Repository = await new SyntheticRepository(git, settings.Repository).GenerateAsync(Path.Combine(root, "source"), cancellationToken);
        repository = await forge.ImportRepositoryAsync(MilestoneWriter.RepositoryName, Repository.Path, "main", cancellationToken);
        baseCommit = await git.RevParseAsync(repository.FetchUrl, "refs/heads/main", cancellationToken);
    }

    /// <summary>
    /// Times a plain <c>git worktree add</c> of the repository from the same clone Squad uses, on disk beside the data
    /// directory (what a person does by hand), or with <paramref name="inMemory"/> in the memory folder Squad's trees use.
    /// </summary>
    public async Task<IReadOnlyList<TimeSpan>> MeasureWorktreeAddAsync(int samples, bool inMemory = false, CancellationToken cancellationToken = default)
    {
        var clone = await CloneAsync(cancellationToken);
        var results = new List<TimeSpan>();
        for (var i = 0; i < samples; i++)
        {
            var path = Path.Combine(inMemory ? memory!.Directory : root, "raw", $"worktree-{i}");
            var started = Stopwatch.GetTimestamp();
            await git.RunAsync(clone, ["worktree", "add", "-q", "--detach", path, "refs/remotes/origin/main"], cancellationToken: cancellationToken);
            results.Add(Stopwatch.GetElapsedTime(started));
            await git.RunAsync(clone, ["worktree", "remove", "--force", path], cancellationToken: cancellationToken);
        }

        return results;
    }

    /// <summary>Measures the CPU of one squad's read-only tool calls, replayed alone on a work tree of the repository.</summary>
    public async Task<ToolCostFigures> MeasureReadToolsAsync(int repetitions, CancellationToken cancellationToken = default)
    {
        var clone = await CloneAsync(cancellationToken);
        // Where the squads' trees are (in memory when they are): the calls replayed are theirs. A tree on disk would also leave
        // its deleted files slowing every file the next minute's runs create there (BenchmarkRunner's yardstick says why).
        var path = Path.Combine(TreesInMemory ? memory!.Directory : root, "raw", "tools");
        await git.RunAsync(clone, ["worktree", "add", "-q", "--detach", path, "refs/remotes/origin/main"], cancellationToken: cancellationToken);
        try
        {
            // Squad registers the files of every tree it writes as their revision's blobs (KnownContents): so is this one.
            if (OperatingSystem.IsLinux() && await WorktreeIndex.ReadTreeAsync(git, clone, "refs/remotes/origin/main", cancellationToken) is { } entries)
            {
                var scan = TreeStamps.Scan(path);
                TreeStamps.WaitPast(scan.Files.Values);
                KnownContents.Register(scan.Files, entries);
            }

            var probe = new ToolCostProbe(agents, git, settings.CallsPerRole);
            return await probe.MeasureAsync(path, MilestoneWriter.Plan("T", 1, Repository), repetitions, cancellationToken);
        }
        finally
        {
            await git.RunAsync(clone, ["worktree", "remove", "--force", path], cancellationToken: CancellationToken.None);
        }
    }

    /// <summary>Runs a milestone of <paramref name="issueCount"/> issues with as many squads at once, and measures it.</summary>
    public async Task<RunSample> RunAsync(string label, int issueCount, bool capturePrompts, CancellationToken cancellationToken = default)
    {
        var folder = Path.Combine(root, "milestones", label);
        MilestoneWriter.Write(folder, label, issueCount, Repository, settings.CallsPerRole);
        var milestone = await tracker.LoadMilestoneAsync(folder, cancellationToken);
        await git.RunAsync(repository!.FetchUrl, ["update-ref", "refs/heads/main", baseCommit!], cancellationToken: cancellationToken);
        var log = new CallLog(capturePrompts);
        var progress = new ProgressRecorder();
        var sandbox = new CountingSandbox(Squad.Sandbox.SandboxDetector.Detect().Sandbox ?? (Squad.Core.Sandbox.ISandbox)new Squad.Sandbox.HostSandbox());
        var services = Services(new ScriptedModelProvider(Path.Combine(folder, MilestoneWriter.ScriptFileName), settings.Latency, TimeProvider.System), log, progress, issueCount, sandbox);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var peakReset = ProcessStats.TryResetPeak();
        var (cpu, childCpu) = (ProcessStats.ProcessorTime(), ProcessStats.ChildProcessorTime());
        var started = Stopwatch.GetTimestamp();
        var report = await new MilestoneRunner(services).RunAsync(milestone, cancellationToken);
        var makespan = Stopwatch.GetElapsedTime(started);

        // The run's spare trees are deleted after its summary (TreeDeletions): their CPU is the run's, its time is not.
        await TreeDeletions.WaitAsync();
        var (cpuAfter, childCpuAfter) = (ProcessStats.ProcessorTime(), ProcessStats.ChildProcessorTime());
        var peak = ProcessStats.PeakWorkingSet();

        RequireMerged(label, report);
        var calls = log.Calls;
        return new RunSample
        {
            Issues = issueCount,
            Makespan = makespan,
            ProcessorTime = cpuAfter - cpu,
            ChildProcessorTime = childCpuAfter - childCpu,
            ModelCalls = calls.Count,
            PeakWorkingSet = peak,
            PeakWasReset = peakReset,
            SetUps = SetUpAnalyzer.Analyze(calls, progress),
            Calls = calls,
            SandboxCommands = sandbox.Runs,
            PristineRuns = services.GuardrailResults.Ran,
            PristineRunsReused = services.GuardrailResults.Reused,
            ReviewerCommandsReused = services.GuardrailResults.ReviewerCommandsReused,
        };
    }

    public void Dispose()
    {
        store.Dispose();
        audit.Dispose();
        forge.Dispose();
        try
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }

            if (memory is not null && Directory.GetParent(memory.Directory) is { Exists: true } folder)
            {
                folder.Delete(recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary folder must not hide the benchmark's result.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    private Task<string> CloneAsync(CancellationToken cancellationToken)
        => new WorkspaceManager(git, ClonesDirectory, WorktreesDirectory).EnsureCloneAsync(repository!, cancellationToken);

    private SquadServices Services(IAgentModelProvider models, CallLog log, ProgressRecorder progress, int concurrency, Squad.Core.Sandbox.ISandbox sandbox) => new()
    {
        Tracker = tracker,
        CodeHost = forge,
        Store = store,
        Audit = audit,
        Models = new RecordingModelProvider(models, log),
        Agents = agents,
        Git = git,
        Redactor = SecretRedactor.FromEnvironment(),
        Sandbox = sandbox,
        Time = TimeProvider.System,
        Progress = progress,
        Options = new SquadOptions
        {
            Concurrency = concurrency,
            ClonesDirectory = ClonesDirectory,
            WorktreesDirectory = WorktreesDirectory,
            MemoryWorktrees = memory,
            KillSwitchFile = Path.Combine(DataDirectory, "STOP-MERGES"),
        },
    };

    private static void RequireMerged(string label, MilestoneReport report)
    {
        var unmerged = report.Squads.Where(s => s.Outcome != SquadOutcome.Merged).ToList();
        if (unmerged.Count > 0)
        {
            // A run whose squads did not all merge measured something else than the milestone: stop.
            throw new SquadException(SquadErrorCode.Model,
                $"benchmark run {label}: {string.Join("; ", unmerged.Select(s => $"{s.IssueIdentifier} ended {s.Outcome}: {s.Reason}"))}");
        }
    }
}
