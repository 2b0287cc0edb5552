namespace Squad.Benchmark;

/// <summary>What one milestone run measured.</summary>
internal sealed record RunSample
{
    public required int Issues { get; init; }

    public required TimeSpan Makespan { get; init; }

    /// <summary>CPU of the orchestrator's own threads during the run.</summary>
    public required TimeSpan ProcessorTime { get; init; }

    /// <summary>CPU of the processes it ran (git, the guardrails' shells) during the run.</summary>
    public required TimeSpan ChildProcessorTime { get; init; }

    public required int ModelCalls { get; init; }

    /// <summary>Peak resident set during the run, in bytes (null where /proc is missing).</summary>
    public required long? PeakWorkingSet { get; init; }

    /// <summary>Whether the peak was reset before the run; if not, it covers the process's whole life.</summary>
    public required bool PeakWasReset { get; init; }

    /// <summary>Set-up of each squad (one per issue).</summary>
    public required IReadOnlyList<SetUpSample> SetUps { get; init; }

    /// <summary>The calls, with their prompts when the run captured them.</summary>
    public required IReadOnlyList<ModelCall> Calls { get; init; }

    /// <summary>Commands the run sent to the sandbox.</summary>
    public int SandboxCommands { get; init; }

    /// <summary>Guardrail runs made in pristine copies, and answered from a record instead.</summary>
    public int PristineRuns { get; init; }

    public int PristineRunsReused { get; init; }

    /// <summary>Reviewers' commands answered from a record.</summary>
    public int ReviewerCommandsReused { get; init; }

    /// <summary>Raw <c>git worktree add</c> samples on disk, taken after the last run (<see cref="BenchmarkRunner"/>); empty for runs whose set-up is not compared.</summary>
    public IReadOnlyList<TimeSpan> WorktreeAddsAround { get; init; } = [];

    /// <summary>The same in the memory folder the squads' trees went to; empty when they went to disk.</summary>
    public IReadOnlyList<TimeSpan> WorktreeAddsInMemoryAround { get; init; } = [];
}
