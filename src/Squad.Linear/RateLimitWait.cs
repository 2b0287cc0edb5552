using System.Globalization;
using System.Net.Http.Headers;

namespace Squad.Linear;

/// <summary>
/// How long to wait after Linear answered RATELIMITED: <c>Retry-After</c> when given, else until the reset of the
/// exhausted bucket (<c>X-RateLimit-Requests-Reset</c> or <c>X-RateLimit-Complexity-Reset</c>, epoch milliseconds).
/// </summary>
internal static class RateLimitWait
{
    /// <summary>Used when the answer says nothing about when to come back.</summary>
    public static readonly TimeSpan Fallback = TimeSpan.FromSeconds(60);

    /// <summary>Never wait longer than this for one attempt: Linear's buckets refill within an hour.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromHours(1);

    public static TimeSpan From(HttpResponseHeaders headers, DateTimeOffset now)
    {
        if (headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : Fallback);
            return Clamp(wait);
        }

        var requests = Bucket(headers, "Requests");
        var complexity = Bucket(headers, "Complexity");
        var exhausted = new[] { requests, complexity }.Where(b => b.Reset is not null && b.Remaining is <= 0).ToList();
        var candidates = exhausted.Count > 0 ? exhausted : [requests, complexity];
        var reset = candidates.Select(b => b.Reset).Max();
        return reset is { } at ? Clamp(at - now) : Fallback;
    }

    private static (long? Remaining, DateTimeOffset? Reset) Bucket(HttpResponseHeaders headers, string name)
    {
        var remaining = Number(headers, $"X-RateLimit-{name}-Remaining");
        var reset = Number(headers, $"X-RateLimit-{name}-Reset");
        return (remaining, reset is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null);
    }

    private static long? Number(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;

    // A reset already past still deserves a moment, so the retry does not arrive in the same instant.
    private static TimeSpan Clamp(TimeSpan wait) =>
        wait < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : wait > Longest ? Longest : wait;
}
