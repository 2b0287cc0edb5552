using Microsoft.Extensions.Logging;

namespace Squad.GitHub;

internal static partial class GitHubLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub rate limit on {Method} {Path} ({Status}): waiting {Seconds} s before attempt {Attempt}")]
    public static partial void RateLimited(ILogger logger, string method, string path, int status, double seconds, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "GitHub is still computing whether pull request #{Number} merges; asking again in {Seconds} s")]
    public static partial void MergeabilityPending(ILogger logger, int number, double seconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pull request #{Number} entered GitHub's merge queue at position {Position}")]
    public static partial void Enqueued(ILogger logger, int number, int position);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Required checks of pull request #{Number} still pending ({Pending}); asking again in {Seconds} s")]
    public static partial void RequiredChecksPending(ILogger logger, int number, string pending, double seconds);
}
