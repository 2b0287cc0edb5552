namespace Squad.Benchmark;

/// <summary>Figure 3: CPU per model call, per run (the scripted model sleeps, which costs no CPU).</summary>
internal sealed record CpuFigures
{
    /// <summary>Model calls of all timed runs.</summary>
    public required int ModelCalls { get; init; }

    /// <summary>The orchestrator process's own CPU time over the run's model calls: the figure the target counts.</summary>
    public required Stat OrchestratorMsPerCall { get; init; }

    /// <summary>CPU of its child processes (git, the guardrails' shells) over the same calls; reported, not counted.</summary>
    public required Stat ChildProcessesMsPerCall { get; init; }

    /// <summary>Of the orchestrator's CPU, what the script's read-only tool calls cost, replayed alone.</summary>
    public required ToolCostFigures ReadTools { get; init; }
}
