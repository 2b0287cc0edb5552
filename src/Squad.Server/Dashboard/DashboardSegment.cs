namespace Squad.Server.Dashboard;

/// <summary>One bar of a squad's timeline: a step from its first event to the next step's (or now, while it runs).</summary>
internal sealed record DashboardSegment
{
    /// <summary>The step's name (<c>Intake</c>, <c>QaTests</c>, <c>Review</c>, ...).</summary>
    public required string Step { get; init; }

    public required DateTimeOffset Start { get; init; }

    public required DateTimeOffset End { get; init; }

    /// <summary>The latest thing the step said (agent and issue text: hostile, shown as text only).</summary>
    public required string Detail { get; init; }

    /// <summary>How many events the step recorded.</summary>
    public required int Events { get; init; }

    /// <summary>The squad is still in this step.</summary>
    public required bool Open { get; init; }
}
