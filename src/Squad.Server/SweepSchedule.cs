using System.Globalization;
using System.Text.RegularExpressions;
using Quartz;
using Squad.Core;

namespace Squad.Server;

/// <summary>
/// When a sweep fires: a cron expression read in a time zone. Standard 5-field cron (minute hour day-of-month month
/// day-of-week, day-of-week 0-7 with 0 and 7 Sunday) is translated to Quartz's form; 6 or 7 fields are taken as Quartz
/// syntax (seconds first, optional year).
/// </summary>
public sealed partial class SweepSchedule
{
    private const string Usage = "write 5 fields, minute hour day-of-month month day-of-week, such as \"0 2 * * 1-5\" (02:00 Monday to Friday) or \"*/30 * * * *\"";

    private readonly CronExpression expression;

    private SweepSchedule(string text, CronExpression expression)
    {
        Text = text;
        this.expression = expression;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    public TimeZoneInfo TimeZone => expression.TimeZone;

    /// <exception cref="SquadException">With <see cref="SquadErrorCode.InvalidConfiguration"/>: what is wrong and how to write it.</exception>
    public static SweepSchedule Parse(string cron, string? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var zone = FindTimeZone(string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim());
        var quartz = ToQuartz(cron);
        try
        {
            return new SweepSchedule(cron.Trim(), new CronExpression(quartz) { TimeZone = zone });
        }
        catch (FormatException ex)
        {
            throw Invalid($"cron '{cron.Trim()}' is not valid ({ex.Message.TrimEnd('.')}): {Usage}");
        }
    }

    /// <summary>The first time strictly after <paramref name="instant"/> the schedule fires, or null if it never fires again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant) => expression.GetNextValidTimeAfter(instant);

    /// <summary>The Quartz form of <paramref name="cron"/>: 5 fields are translated, 6 or 7 are taken as they are.</summary>
    internal static string ToQuartz(string cron)
    {
        var fields = cron.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is 6 or 7)
        {
            return string.Join(' ', fields);
        }

        if (fields.Length != 5)
        {
            throw Invalid($"cron '{cron.Trim()}' has {fields.Length} fields: {Usage}");
        }

        var (minute, hour, dayOfMonth, month, dayOfWeek) = (fields[0], fields[1], fields[2], fields[3], fields[4]);

        // Quartz wants '?' in one of the two day fields; restricting both is "either" in standard cron, which Quartz cannot say.
        if (dayOfWeek == "*")
        {
            dayOfWeek = "?";
        }
        else if (dayOfMonth == "*")
        {
            dayOfMonth = "?";
            dayOfWeek = DaysOfWeek(cron, dayOfWeek);
        }
        else
        {
            throw Invalid($"cron '{cron.Trim()}' restricts both day of month and day of week, which cannot be combined here: put '*' in one of them, or make two sweeps");
        }

        return $"0 {minute} {hour} {dayOfMonth} {month} {dayOfWeek}";
    }

    /// <summary>Standard day-of-week numbers (0-7, Sunday 0 or 7) to Quartz's (1-7, Sunday 1), in lists, ranges and steps; names pass through.</summary>
    private static string DaysOfWeek(string cron, string field)
        => string.Join(',', field.Split(',').Select(part => DayOfWeekPart(cron, part)));

    private static string DayOfWeekPart(string cron, string part)
    {
        if (QuartzDay().Match(part) is { Success: true } quartzDay)
        {
            // Quartz's own forms (5L: last Friday, 5#3: third Friday) keep their suffix; only the day is renumbered.
            return $"{ToQuartzDay(cron, quartzDay.Groups[1].Value)}{quartzDay.Groups[2].Value}";
        }

        var (range, step) = part.Split('/') is [var r, var s] ? (r, s) : (part, null);
        if (range == "*" || part.Any(char.IsAsciiLetter))
        {
            // Names (MON-FRI) mean the same in both; stepping from Sunday gives the same days in both numberings.
            return part;
        }

        var bounds = range.Split('-');
        var from = Day(cron, bounds[0]);
        var to = bounds.Length == 2 ? Day(cron, bounds[1]) : step is null ? from : 6;
        if (bounds.Length > 2 || to < from)
        {
            throw Invalid($"cron '{cron.Trim()}' has day-of-week range '{range}' that does not go from low to high: use 0-7 (0 and 7 are Sunday) or MON-SUN");
        }

        var every = step is null ? 1
            : int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n
            : throw Invalid($"cron '{cron.Trim()}' has day-of-week step '{step}': use a whole number above 0");
        if (step is null && to < 7)
        {
            return from == to ? $"{from + 1}" : $"{from + 1}-{to + 1}";
        }

        // Ranges that reach Sunday as 7, and steps, become a list: Quartz would read 6-1 or 1/2 otherwise.
        var days = new SortedSet<int>();
        for (var day = from; day <= to; day += every)
        {
            days.Add(day % 7 + 1);
        }

        return string.Join(',', days);
    }

    private static int Day(string cron, string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 0 and <= 7
            ? day
            : throw Invalid($"cron '{cron.Trim()}' has day of week '{text}': use 0-7 (0 and 7 are Sunday) or MON-SUN");

    private static int ToQuartzDay(string cron, string text) => Day(cron, text) % 7 + 1;

    private static TimeZoneInfo FindTimeZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            throw Invalid($"time zone '{id}' is unknown: use an IANA name such as Europe/Paris, America/New_York or UTC");
        }
    }

    private static SquadException Invalid(string message) => new(SquadErrorCode.InvalidConfiguration, message);

    [GeneratedRegex("^([0-7])(L|#[1-5])$", RegexOptions.CultureInvariant)]
    private static partial Regex QuartzDay();
}
