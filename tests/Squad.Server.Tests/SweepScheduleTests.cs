using Squad.Core;

namespace Squad.Server.Tests;

public sealed class SweepScheduleTests
{
    // 2025-01-03 is a Friday.
    private static readonly DateTimeOffset FridayNoon = new(2025, 1, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("0 2 * * 1-5", "0 2 * * 1-5")]
    [InlineData("0 12 * * 5-7", "0 12 * * 5-7")]
    [InlineData("0 12 * * 5L", "0 12 * * 5L")]
    [InlineData("0 12 * * 1#2", "0 12 * * 1#2")]
    [InlineData("0 8 * * MON-FRI", "0 8 * * MON-FRI")]
    [InlineData("0 15 10 ? * MON", "0 15 10 ? * MON")]
    [InlineData("0 15 10 ? * 2-6", "0 15 10 ? * 1-5")]
    [InlineData("0 15 10 ? * 1,7", "0 15 10 ? * 0,6")]
    [InlineData("0 15 10 ? * 6L", "0 15 10 ? * 5L")]
    [InlineData("0 15 10 ? * MON *", "0 15 10 ? * MON")]
    public void ToCronos_StandardCronKept_QuartzRenumberedWithSundayAsZero(string cron, string expected)
        => Assert.Equal(expected, SweepSchedule.ToCronos(cron).Text);

    [Fact]
    public void NextAfter_QuartzSixFields_FireOnTheSameDaysAsTheirStandardForm()
    {
        var quartz = SweepSchedule.Parse("0 0 2 ? * 2-6");
        var standard = SweepSchedule.Parse("0 2 * * 1-5");

        Assert.Equal(Occurrences(standard, FridayNoon, 6), Occurrences(quartz, FridayNoon, 6));
    }

    [Fact]
    public void NextAfter_LastFridayOfTheMonth_FiresOnIt()
    {
        var fires = Occurrences(SweepSchedule.Parse("0 12 * * 5L"), FridayNoon, 2);

        Assert.Equal([new DateTimeOffset(2025, 1, 31, 12, 0, 0, TimeSpan.Zero), new(2025, 2, 28, 12, 0, 0, TimeSpan.Zero)], fires);
    }

    [Fact]
    public void NextAfter_WeekdaysAtTwo_FiresMondayToFridayAndNotAtTheWeekend()
    {
        var schedule = SweepSchedule.Parse("0 2 * * 1-5");

        var fires = Occurrences(schedule, FridayNoon, 6);

        Assert.Equal(
            [new DateTimeOffset(2025, 1, 6, 2, 0, 0, TimeSpan.Zero), new(2025, 1, 7, 2, 0, 0, TimeSpan.Zero), new(2025, 1, 8, 2, 0, 0, TimeSpan.Zero),
             new(2025, 1, 9, 2, 0, 0, TimeSpan.Zero), new(2025, 1, 10, 2, 0, 0, TimeSpan.Zero), new(2025, 1, 13, 2, 0, 0, TimeSpan.Zero)],
            fires);
        Assert.DoesNotContain(fires, f => f.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    [Fact]
    public void NextAfter_EveryThirtyMinutes_FiresOnTheHourAndTheHalfHour()
    {
        var schedule = SweepSchedule.Parse("*/30 * * * *");

        var fires = Occurrences(schedule, FridayNoon.AddMinutes(5), 3);

        Assert.Equal([FridayNoon.AddMinutes(30), FridayNoon.AddHours(1), FridayNoon.AddMinutes(90)], fires);
    }

    [Fact]
    public void NextAfter_FirstOfTheMonth_FiresOnTheFirstAtNine()
    {
        var schedule = SweepSchedule.Parse("0 9 1 * *");

        var fires = Occurrences(schedule, FridayNoon, 2);

        Assert.Equal([new DateTimeOffset(2025, 2, 1, 9, 0, 0, TimeSpan.Zero), new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero)], fires);
    }

    [Fact]
    public void NextAfter_SundayAsZeroOrSeven_FiresOnSunday()
    {
        Assert.Equal(DayOfWeek.Sunday, SweepSchedule.Parse("0 12 * * 0").NextAfter(FridayNoon)!.Value.DayOfWeek);
        Assert.Equal(DayOfWeek.Sunday, SweepSchedule.Parse("0 12 * * 7").NextAfter(FridayNoon)!.Value.DayOfWeek);
        Assert.Equal(
            [DayOfWeek.Saturday, DayOfWeek.Sunday, DayOfWeek.Friday],
            Occurrences(SweepSchedule.Parse("0 12 * * 5-7"), FridayNoon, 3).Select(f => f.DayOfWeek));
    }

    [Fact]
    public void NextAfter_TimeZone_ReadsTheScheduleInItAcrossDaylightSaving()
    {
        var schedule = SweepSchedule.Parse("0 9 * * *", "Europe/Paris");

        Assert.Equal(new DateTimeOffset(2025, 1, 3, 8, 0, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2025, 1, 3, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2025, 7, 3, 7, 0, 0, TimeSpan.Zero), schedule.NextAfter(new DateTimeOffset(2025, 7, 3, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal("Europe/Paris", schedule.TimeZone.Id);
    }

    [Fact]
    public void NextAfter_DaylightSavingChanges_SkippedTimeFiresAfterTheJump_RepeatedTimeFiresOnce()
    {
        var schedule = SweepSchedule.Parse("30 2 * * *", "Europe/Paris");

        // 2025-03-30: 02:00 becomes 03:00 in Paris, so 02:30 does not exist; 2025-10-26: 02:00-03:00 happens twice.
        var spring = schedule.NextAfter(new DateTimeOffset(2025, 3, 29, 23, 0, 0, TimeSpan.Zero));
        var autumn = Occurrences(schedule, new DateTimeOffset(2025, 10, 25, 22, 0, 0, TimeSpan.Zero), 2);

        Assert.Equal(new DateTimeOffset(2025, 3, 30, 1, 0, 0, TimeSpan.Zero), spring);
        Assert.Equal([new DateTimeOffset(2025, 10, 26, 0, 30, 0, TimeSpan.Zero), new(2025, 10, 27, 1, 30, 0, TimeSpan.Zero)], autumn);
    }

    [Theory]
    [InlineData("0 2 * *", "has 4 fields: write 5 fields")]
    [InlineData("61 * * * *", "is not valid")]
    [InlineData("0 25 * * *", "is not valid")]
    [InlineData("0 2 1 * 1", "restricts both day of month and day of week")]
    [InlineData("0 2 * * 8", "has day of week '8': use 0-7")]
    [InlineData("0 2 * * 5-1", "range '5-1' that does not go from low to high")]
    [InlineData("0 2 * * 1-5/0", "step '0'")]
    [InlineData("every night", "has 2 fields")]
    [InlineData("0 15 10 ? * MON 2030", "year field '2030', which is not supported")]
    [InlineData("0 0 2 1 * 2", "restricts both day of month and day of week")]
    [InlineData("0 0 2 ? * 0", "has Quartz day of week '0': use 1-7")]
    public void Parse_InvalidCron_SaysWhatIsWrongInOneLine(string cron, string expected)
    {
        var error = Assert.Throws<SquadException>(() => SweepSchedule.Parse(cron));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith($"cron '{cron}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Parse_UnknownTimeZone_NamesItAndWhatToUse()
    {
        var error = Assert.Throws<SquadException>(() => SweepSchedule.Parse("0 2 * * *", "Mars/Olympus"));

        Assert.Equal("time zone 'Mars/Olympus' is unknown: use an IANA name such as Europe/Paris, America/New_York or UTC", error.Message);
    }

    private static List<DateTimeOffset> Occurrences(SweepSchedule schedule, DateTimeOffset from, int count)
    {
        var fires = new List<DateTimeOffset>();
        for (var at = from; fires.Count < count;)
        {
            at = schedule.NextAfter(at)!.Value;
            fires.Add(at);
        }

        return fires;
    }
}
