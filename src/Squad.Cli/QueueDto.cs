namespace Squad.Cli;

/// <summary>The merge queue's throughput in a run: what it landed, how fast, and how long pull requests waited in it.</summary>
internal sealed record QueueDto
{
    /// <summary>Pull requests the queue landed in this run.</summary>
    public required int Merged { get; init; }

    /// <summary>Landed per hour, from the first entry into the queue to the last landing (0 when nothing landed).</summary>
    public required double MergedPerHour { get; init; }

    /// <summary>Seconds spent waiting for other candidates (not testing), summed over the run's squads.</summary>
    public required double WaitSeconds { get; init; }

    /// <summary>Conflict rounds the queue sent back to the squads.</summary>
    public required int ConflictRounds { get; init; }

    public static QueueDto From(IReadOnlyList<Squad.Core.Orchestration.SquadRecord> squads)
    {
        var landed = squads.Where(s => s.Outcome == Squad.Core.Domain.SquadOutcome.Merged && s.QueuedAt is not null).ToList();
        var hours = landed.Count == 0 ? 0 : (landed.Max(s => s.UpdatedAt) - landed.Min(s => s.QueuedAt!.Value)).TotalHours;
        return new QueueDto
        {
            Merged = landed.Count,
            MergedPerHour = hours > 0 ? Math.Round(landed.Count / hours, 1) : 0,
            WaitSeconds = Math.Round(squads.Sum(s => s.QueueWait.TotalSeconds), 1),
            ConflictRounds = squads.Sum(s => s.ConflictRounds),
        };
    }
}
