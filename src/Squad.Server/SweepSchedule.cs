using System.Globalization;
using System.Text.RegularExpressions;
using Cronos;
using Squad.Core;

namespace Squad.Server;

/// <summary>
/// When a sweep fires: a cron expression read in a time zone, evaluated by Cronos. Standard 5-field cron (minute hour
/// day-of-month month day-of-week, day-of-week 0-7 with 0 and 7 Sunday, <c>L</c> and <c>#</c>) is read as written;
/// Quartz's 6 fields (seconds first, day-of-week 1-7 with Sunday 1) are translated, and a 7th year field only as <c>*</c>.
/// </summary>
public sealed partial class SweepSchedule
{
    private const string Usage = "write 5 fields, minute hour day-of-month month day-of-week, such as \"0 2 * * 1-5\" (02:00 Monday to Friday) or \"*/30 * * * *\"";

    private readonly CronExpression expression;

    private SweepSchedule(string text, CronExpression expression, TimeZoneInfo zone)
    {
        Text = text;
        this.expression = expression;
        TimeZone = zone;
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    public TimeZoneInfo TimeZone { get; }

    /// <exception cref="SquadException">With <see cref="SquadErrorCode.InvalidConfiguration"/>: what is wrong and how to write it.</exception>
    public static SweepSchedule Parse(string cron, string? timeZone = null)
    {
        ArgumentNullException.ThrowIfNull(cron);
        var zone = FindTimeZone(string.IsNullOrWhiteSpace(timeZone) ? "UTC" : timeZone.Trim());
        var (text, format) = ToCronos(cron);
        try
        {
            return new SweepSchedule(cron.Trim(), CronExpression.Parse(text, format), zone);
        }
        catch (CronFormatException ex)
        {
            throw Invalid($"cron '{cron.Trim()}' is not valid ({ex.Message.TrimEnd('.')}): {Usage}");
        }
    }

    /// <summary>The first time strictly after <paramref name="instant"/> the schedule fires, or null if it never fires again.</summary>
    public DateTimeOffset? NextAfter(DateTimeOffset instant) => expression.GetNextOccurrence(instant, TimeZone, inclusive: false);

    /// <summary>
    /// The latest time in (<paramref name="after"/>, <paramref name="upTo"/>] the schedule fires, or null: the occurrence a
    /// cluster's sweep reminder fires when it ticks (missed older ones are not replayed, as in <c>squad serve</c>).
    /// </summary>
    public DateTimeOffset? LatestIn(DateTimeOffset after, DateTimeOffset upTo)
        => expression.GetOccurrences(after, upTo, TimeZone, fromInclusive: false, toInclusive: true).Select(o => (DateTimeOffset?)o).LastOrDefault();

    /// <summary>
    /// The Cronos form of <paramref name="cron"/>: 5 fields are checked and kept; Quartz's 6 (or 7, with any year) are
    /// renumbered to standard days, with their seconds.
    /// </summary>
    internal static (string Text, CronFormat Format) ToCronos(string cron)
    {
        var fields = cron.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length == 7)
        {
            if (fields[6] != "*")
            {
                throw Invalid($"cron '{cron.Trim()}' has a year field '{fields[6]}', which is not supported: drop it, or {Usage}");
            }

            fields = fields[..6];
        }

        if (fields.Length == 6)
        {
            RequireOneDayField(cron, fields[3], fields[5]);
            var dayOfWeek = string.Join(',', fields[5].Split(',').Select(part => FromQuartzDay(cron, part)));
            return ($"{string.Join(' ', fields[..5])} {dayOfWeek}", CronFormat.IncludeSeconds);
        }

        if (fields.Length != 5)
        {
            throw Invalid($"cron '{cron.Trim()}' has {fields.Length} fields: {Usage}");
        }

        RequireOneDayField(cron, fields[2], fields[4]);
        foreach (var part in fields[4].Split(','))
        {
            CheckDayOfWeekPart(cron, part);
        }

        return (string.Join(' ', fields), CronFormat.Standard);
    }

    /// <summary>Restricting both day fields is "either" in standard cron and "both" elsewhere: one reading would surprise someone.</summary>
    private static void RequireOneDayField(string cron, string dayOfMonth, string dayOfWeek)
    {
        if (dayOfMonth is not ("*" or "?") && dayOfWeek is not ("*" or "?"))
        {
            throw Invalid($"cron '{cron.Trim()}' restricts both day of month and day of week, which cannot be combined here: put '*' in one of them, or make two sweeps");
        }
    }

    private static void CheckDayOfWeekPart(string cron, string part)
    {
        if (part is "*" or "?" || part.Any(char.IsAsciiLetter) && !LastOrNth().IsMatch(part))
        {
            return;
        }

        if (LastOrNth().Match(part) is { Success: true } special)
        {
            Day(cron, special.Groups[1].Value);
            return;
        }

        var (range, step) = part.Split('/') is [var r, var s] ? (r, s) : (part, null);
        if (range != "*")
        {
            var bounds = range.Split('-');
            var from = Day(cron, bounds[0]);
            var to = bounds.Length == 2 ? Day(cron, bounds[1]) : from;
            if (bounds.Length > 2 || to < from)
            {
                throw Invalid($"cron '{cron.Trim()}' has day-of-week range '{range}' that does not go from low to high: use 0-7 (0 and 7 are Sunday) or MON-SUN");
            }
        }

        if (step is not null && !(int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0))
        {
            throw Invalid($"cron '{cron.Trim()}' has day-of-week step '{step}': use a whole number above 0");
        }
    }

    /// <summary>Quartz's day numbers (1-7, Sunday 1) to standard ones (0-6, Sunday 0), in lists, ranges and L/# forms; names pass through.</summary>
    private static string FromQuartzDay(string cron, string part)
    {
        if (part is "*" or "?" || part.StartsWith("*/", StringComparison.Ordinal) || part.Any(char.IsAsciiLetter) && !LastOrNth().IsMatch(part))
        {
            return part;
        }

        if (LastOrNth().Match(part) is { Success: true } special)
        {
            return $"{QuartzDay(cron, special.Groups[1].Value)}{special.Groups[2].Value}";
        }

        var (range, step) = part.Split('/') is [var r, var s] ? (r, "/" + s) : (part, "");
        var bounds = range.Split('-').Select(b => QuartzDay(cron, b).ToString(CultureInfo.InvariantCulture));
        return string.Join('-', bounds) + step;
    }

    private static int QuartzDay(string cron, string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 1 and <= 7
            ? day - 1
            : throw Invalid($"cron '{cron.Trim()}' has Quartz day of week '{text}': use 1-7 (1 is Sunday) or MON-SUN");

    private static int Day(string cron, string text)
        => int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day is >= 0 and <= 7
            ? day
            : throw Invalid($"cron '{cron.Trim()}' has day of week '{text}': use 0-7 (0 and 7 are Sunday) or MON-SUN");

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

    [GeneratedRegex("^([0-9]+)(L|#[1-5])$", RegexOptions.CultureInvariant)]
    private static partial Regex LastOrNth();
}
