using System.Globalization;
using System.Runtime.InteropServices;
using Squad.Core.Domain;

namespace Squad.Benchmark;

/// <summary>Turns the measurements into the report's figures and checks them against the issue's targets.</summary>
internal sealed class ReportBuilder(BenchmarkSettings settings, RepositoryManifest repository)
{
    public required IReadOnlyList<RunSample> Runs { get; init; }

    public required IReadOnlyList<RolePromptFigures> Roles { get; init; }

    public required TokenFigures Tokens { get; init; }

    public required ToolCostFigures ReadTools { get; init; }

    public required string GitVersion { get; init; }

    public required double? LoadAverageAtStart { get; init; }

    /// <summary>Where the squads' trees went (in memory or on disk), as the workbench decided it.</summary>
    public required string TreesWhere { get; init; }

    public BenchmarkReport Build(DateTimeOffset date, TimeSpan duration)
    {
        var setUp = SetUp();
        var makespans = Makespans();
        var cpu = Cpu();
        var reviewers = ReviewerInput();
        var largest = settings.IssueCounts.Max();
        return new BenchmarkReport
        {
            Date = date.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            Machine = Machine(),
            Quick = settings.Quick,
            Runs = settings.Runs,
            IssueCounts = settings.IssueCounts,
            CallsPerRole = settings.CallsPerRole,
            LatencyMs = settings.Latency.TotalMilliseconds,
            Repository = RepositoryFigures(),
            SetUp = setUp,
            Makespans = makespans,
            Cpu = cpu,
            Roles = Roles,
            ReviewerInput = reviewers,
            PeakMemory = Memory(largest),
            Guardrails = Guardrails(),
            Tokens = Tokens,
            Targets = Targets(setUp, makespans.Single(m => m.Issues == largest), cpu, reviewers),
            DurationSeconds = Math.Round(duration.TotalSeconds, 1, MidpointRounding.AwayFromZero),
        };
    }

    private MemoryFigures Memory(int issues)
    {
        var runs = Runs.Where(r => r.Issues == issues && r.PeakWorkingSet is not null).ToList();
        return new MemoryFigures
        {
            PeakMegabytes = Stat.Of(runs.Select(r => r.PeakWorkingSet!.Value / 1_000_000.0), 1),
            ResetPerRun = runs.All(r => r.PeakWasReset),
        };
    }

    private MachineFigures Machine() => new()
    {
        Cores = Environment.ProcessorCount,
        OperatingSystem = RuntimeInformation.OSDescription,
        Runtime = RuntimeInformation.FrameworkDescription,
        Git = GitVersion,
        LoadAverageAtStart = LoadAverageAtStart,
        LoadAverageAtEnd = ProcessStats.LoadAverage(),
    };

    private RepositoryFigures RepositoryFigures() => new()
    {
        Files = repository.Files,
        Megabytes = Math.Round(repository.Megabytes, 1, MidpointRounding.AwayFromZero),
        Commits = repository.Commits,
        Tokens = PromptAnalyzer.Tokens(repository.Bytes),
    };

    private SetUpFigures SetUp()
    {
        // Set-up is taken where squads do not compete, the runs of the smallest milestone, and each
        // run's squads are compared with the raw samples taken just before and after it, under the same load.
        var smallest = settings.IssueCounts.Min();
        var runs = Runs.Where(r => r.Issues == smallest).ToList();
        var samples = runs.SelectMany(r => r.SetUps).ToList();
        return new SetUpFigures
        {
            SquadMs = Stat.Of(samples.Select(s => s.Total.TotalMilliseconds), 1),
            BeforeQaMs = Stat.Of(samples.Select(s => s.BeforeQa.TotalMilliseconds), 1),
            BeforeDeveloperMs = Stat.Of(samples.Select(s => s.BeforeDeveloper.TotalMilliseconds), 1),
            BeforeReviewersMs = Stat.Of(samples.Select(s => s.BeforeReviewers.TotalMilliseconds), 1),
            RawWorktreeAddMs = Stat.Of(runs.SelectMany(r => r.WorktreeAddsAround).Select(t => t.TotalMilliseconds), 1),
            Ratio = Stat.Of(runs.SelectMany(r => r.SetUps.Select(s =>
                s.Total.TotalMilliseconds / Stat.MedianOf(r.WorktreeAddsAround.Select(t => t.TotalMilliseconds)))), 2),
            TreesWhere = TreesWhere,
            RawWorktreeAddInMemoryMs = runs.All(r => r.WorktreeAddsInMemoryAround.Count > 0)
                ? Stat.Of(runs.SelectMany(r => r.WorktreeAddsInMemoryAround).Select(t => t.TotalMilliseconds), 1)
                : null,
            RatioInMemory = runs.All(r => r.WorktreeAddsInMemoryAround.Count > 0)
                ? Stat.Of(runs.SelectMany(r => r.SetUps.Select(s =>
                    s.Total.TotalMilliseconds / Stat.MedianOf(r.WorktreeAddsInMemoryAround.Select(t => t.TotalMilliseconds)))), 2)
                : null,
        };
    }

    private List<MakespanFigures> Makespans()
    {
        var single = Stat.MedianOf(Runs.Where(r => r.Issues == 1).Select(r => r.Makespan.TotalSeconds));
        return [.. settings.IssueCounts.Select(n =>
        {
            var runs = Runs.Where(r => r.Issues == n).ToList();
            return new MakespanFigures
            {
                Issues = n,
                Seconds = Stat.Of(runs.Select(r => r.Makespan.TotalSeconds), 2),
                Speedup = Stat.Of(runs.Select(r => single * n / r.Makespan.TotalSeconds), 2),
                Efficiency = Stat.Of(runs.Select(r => single / r.Makespan.TotalSeconds), 2),
            };
        })];
    }

    private GuardrailFigures Guardrails() => new()
    {
        SandboxCommandsPerIssue = Stat.Of(Runs.Select(r => (double)r.SandboxCommands / r.Issues), 1),
        PristineRunsPerIssue = Stat.Of(Runs.Select(r => (double)r.PristineRuns / r.Issues), 2),
        PristineRunsReusedPerIssue = Stat.Of(Runs.Select(r => (double)r.PristineRunsReused / r.Issues), 2),
        ReviewerCommandsReusedPerIssue = Stat.Of(Runs.Select(r => (double)r.ReviewerCommandsReused / r.Issues), 2),
    };

    private CpuFigures Cpu() => new()
    {
        ModelCalls = Runs.Sum(r => r.ModelCalls),
        OrchestratorMsPerCall = Stat.Of(Runs.Select(r => r.ProcessorTime.TotalMilliseconds / r.ModelCalls), 2),
        ChildProcessesMsPerCall = Stat.Of(Runs.Select(r => r.ChildProcessorTime.TotalMilliseconds / r.ModelCalls), 2),
        ReadTools = ReadTools,
    };

    private List<ReviewerInputFigures> ReviewerInput()
    {
        var repositoryTokens = PromptAnalyzer.Tokens(repository.Bytes);
        return [.. Roles.Where(r => r.Role is RoleNames.CodeReviewer or RoleNames.QaSpecialist).Select(r => new ReviewerInputFigures
        {
            Role = r.Role,
            MedianTokens = r.InputTokens.Median,
            RepositoryTokens = repositoryTokens,
            PercentOfRepository = Math.Round(100.0 * r.InputTokens.Median / repositoryTokens, 2, MidpointRounding.AwayFromZero),
        })];
    }

    private List<TargetResult> Targets(SetUpFigures setUp, MakespanFigures largest, CpuFigures cpu, List<ReviewerInputFigures> reviewers) =>
    [
        TargetResult.AtMost("set-up / raw git worktree add", setUp.Ratio.Median, 1.5, "×"),
        TargetResult.AtLeast($"parallel efficiency at {largest.Issues} issues", largest.Efficiency.Median, 0.9, ""),
        TargetResult.AtMost("orchestrator CPU per model call", cpu.OrchestratorMsPerCall.Median, 5, "ms"),
        .. reviewers.Select(r => TargetResult.AtMost($"{r.Role} input per call (median)", r.MedianTokens, 20_000, "tokens")),
        .. Roles.Select(r => TargetResult.AtLeast($"{r.Role} prefix reuse (median)", r.PrefixReusePercent.Median, 90, "%")),
    ];
}
