using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Server.Dashboard;

namespace Squad.Server.Tests.Dashboard;

public sealed class DashboardTimelineTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Build_ReviewFixReview_IsOneBarPerRoundEndingWhereTheNextBegins()
    {
        var segments = DashboardTimeline.Build(
            [Event(0, SquadStep.Intake), Event(1, SquadStep.Review, "round 1"), Event(2, SquadStep.Review, "Code Reviewer: request_changes"),
             Event(5, SquadStep.Fix), Event(9, SquadStep.Review, "round 2"), Event(10, SquadStep.Done, "merged")],
            running: false, Start.AddMinutes(60));

        Assert.Equal(["Intake", "Review", "Fix", "Review", "Done"], segments.Select(s => s.Step));
        Assert.Equal((Start.AddMinutes(1), Start.AddMinutes(5)), (segments[1].Start, segments[1].End));
        Assert.Equal(("Code Reviewer: request_changes", 2), (segments[1].Detail, segments[1].Events));
        Assert.Equal(Start.AddMinutes(10), segments[^1].End);
        Assert.DoesNotContain(segments, s => s.Open);
    }

    [Fact]
    public void Build_Running_StretchesTheLastStepToNow()
    {
        var segments = DashboardTimeline.Build([Event(0, SquadStep.Intake), Event(3, SquadStep.Implementation)], running: true, Start.AddMinutes(7));

        Assert.Equal((Start.AddMinutes(7), true), (segments[^1].End, segments[^1].Open));
        Assert.False(segments[0].Open);
    }

    private static SquadEvent Event(int minute, SquadStep step, string message = "")
        => new() { RunId = "r", IssueIdentifier = "A-1", Step = step, Message = message, At = Start.AddMinutes(minute) };
}
