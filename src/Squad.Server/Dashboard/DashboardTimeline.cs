using Squad.Core.Orchestration;

namespace Squad.Server.Dashboard;

/// <summary>
/// Turns a squad's events into the bars of its timeline: each run of events on the same step is one bar, from its first
/// event to the first event of the next step. The last bar ends at its last event, or at now while the squad runs.
/// </summary>
internal static class DashboardTimeline
{
    public static IReadOnlyList<DashboardSegment> Build(IEnumerable<SquadEvent> events, bool running, DateTimeOffset now)
    {
        var segments = new List<DashboardSegment>();
        foreach (var squadEvent in events)
        {
            var step = squadEvent.Step.ToString();
            if (segments.Count > 0 && segments[^1].Step == step)
            {
                segments[^1] = segments[^1] with { End = squadEvent.At, Detail = squadEvent.Message, Events = segments[^1].Events + 1 };
                continue;
            }

            if (segments.Count > 0)
            {
                segments[^1] = segments[^1] with { End = squadEvent.At };
            }

            segments.Add(new DashboardSegment { Step = step, Start = squadEvent.At, End = squadEvent.At, Detail = squadEvent.Message, Events = 1, Open = false });
        }

        if (running && segments.Count > 0 && now > segments[^1].End)
        {
            segments[^1] = segments[^1] with { End = now, Open = true };
        }

        return segments;
    }
}
