namespace Squad.Server;

/// <summary>
/// A sweep from <c>squad.yml</c>: what to look at (milestones, or a project narrowed by state or label), when (a cron
/// expression in a time zone), and where its progress goes. <c>squad sweep NAME</c> runs it now; <c>squad serve</c>
/// runs it on schedule.
/// </summary>
public sealed record SweepDefinition
{
    /// <summary>Unique among the sweeps, <c>[a-z0-9-]</c>: what <c>squad sweep NAME</c> takes.</summary>
    public required string Name { get; init; }

    /// <summary>The schedule as written: standard 5-field cron, or Quartz's 6 fields (see <see cref="SweepSchedule"/>).</summary>
    public required string Cron { get; init; }

    /// <summary>The IANA (or Windows) id of the time zone the schedule is read in.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Linear milestone URLs or local milestone folders; empty when the sweep covers a <see cref="Project"/>.</summary>
    public IReadOnlyList<string> Milestones { get; init; } = [];

    /// <summary>A Linear project URL or a local milestone folder, narrowed by <see cref="State"/> and <see cref="Label"/>.</summary>
    public string? Project { get; init; }

    /// <summary>Only the project's issues in the tracker state of this name (any case).</summary>
    public string? State { get; init; }

    /// <summary>Only the project's issues carrying a label of this name (any case).</summary>
    public string? Label { get; init; }

    /// <summary>The Slack channel id its progress thread goes to under <c>squad serve</c> (needs a bot token).</summary>
    public string? Channel { get; init; }

    /// <summary>The code host repository (<c>owner/name</c>) for Linear issues, as <c>--repository</c>.</summary>
    public string? Repository { get; init; }

    /// <summary>
    /// How long a running squad may go without news before the sweep takes it as crashed rather than in flight
    /// (<c>in_flight_after</c>); null is the planner's default, an hour.
    /// </summary>
    public TimeSpan? InFlightAfter { get; init; }

    /// <summary>
    /// <c>heal: true</c>: after its milestones, the sweep runs the Healer on each one's repository (a red main gets a
    /// bug-fix squad, within the same budget and cool-down per cause as <c>squad heal</c>).
    /// </summary>
    public bool Heal { get; init; }

    /// <summary>What the sweep covers, for people: <c>project X (state Todo, label squad-ready)</c>.</summary>
    public string Scope
    {
        get
        {
            if (Project is null)
            {
                return Milestones.Count == 1 ? $"milestone {Milestones[0]}" : $"milestones {string.Join(", ", Milestones)}";
            }

            string[] filters = [.. new[] { State is null ? null : $"state {State}", Label is null ? null : $"label {Label}" }.OfType<string>()];
            return $"project {Project} ({string.Join(", ", filters)})";
        }
    }
}
