using System.Globalization;
using System.Net;

namespace Squad.GitHub;

/// <summary>
/// How long to wait before asking again after GitHub refused for a rate limit, in the order GitHub documents:
/// <c>retry-after</c> seconds; else, with <c>x-ratelimit-remaining: 0</c>, until <c>x-ratelimit-reset</c> (epoch
/// seconds); else at least a minute, doubling with each attempt. Any other refusal is not retried.
/// </summary>
internal static class GitHubRateLimit
{
    public const int MaxAttempts = 5;

    private static readonly TimeSpan SecondaryLimitWait = TimeSpan.FromMinutes(1);

    public static TimeSpan? RetryDelay(HttpResponseMessage response, string body, int attempt, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        if (response.Headers.RetryAfter is { } retryAfter)
        {
            var wait = retryAfter.Delta ?? (retryAfter.Date is { } date ? date - now : TimeSpan.Zero);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        if (Header(response, "x-ratelimit-remaining") == "0"
            && long.TryParse(Header(response, "x-ratelimit-reset"), NumberStyles.None, CultureInfo.InvariantCulture, out var reset))
        {
            var wait = DateTimeOffset.FromUnixTimeSeconds(reset) - now;
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }

        // A 403 that names no rate limit is a permission refusal, not a reason to wait.
        if (response.StatusCode == HttpStatusCode.Forbidden && !body.Contains("rate limit", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return SecondaryLimitWait * Math.Pow(2, attempt - 1);
    }

    private static string? Header(HttpResponseMessage response, string name)
        => response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;
}
