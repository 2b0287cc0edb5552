using Squad.Core.Orchestration;

namespace Squad.Cli;

/// <summary>How a caller watches a run: the progress sink, and a wrapper around the whole run (the live table, say).</summary>
internal sealed record RunView
{
    public required ISquadProgress Progress { get; init; }

    public Func<Func<Task<MilestoneReport>>, Task<MilestoneReport>> Watch { get; init; } = work => work();
}
