using System.Collections.Concurrent;
using System.Diagnostics;
using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Benchmark;

/// <summary>Timestamps the steps squads report, on the same clock as the model calls.</summary>
internal sealed class ProgressRecorder : ISquadProgress
{
    private readonly ConcurrentDictionary<string, long> intakes = new(StringComparer.Ordinal);

    public void Report(string issueIdentifier, SquadStep squadStep, string message)
    {
        if (squadStep == SquadStep.Intake)
        {
            intakes.TryAdd(issueIdentifier, Stopwatch.GetTimestamp());
        }
    }

    /// <summary>When the squad of <paramref name="issue"/> reported its intake, just before the intake gate ran.</summary>
    public long? IntakeOf(string issue) => intakes.TryGetValue(issue, out var at) ? at : null;
}
