using System.Globalization;

namespace Squad.Models;

/// <summary>Reads an HTTP <c>Retry-After</c> value: a number of seconds or an HTTP date.</summary>
internal static class RetryAfterHeader
{
    public const string Name = "Retry-After";

    /// <summary>How long to wait from <paramref name="now"/>; null when the value is missing or unreadable; never negative.</summary>
    public static TimeSpan? Parse(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds <= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.FromSeconds(seconds) : null;
        }

        if (DateTimeOffset.TryParseExact(value, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
