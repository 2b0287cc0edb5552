using Microsoft.Extensions.Logging;

namespace Squad.GitHub;

internal static partial class GitHubLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "GitHub rate limit on {Method} {Path} ({Status}): waiting {Seconds} s before attempt {Attempt}")]
    public static partial void RateLimited(ILogger logger, string method, string path, int status, double seconds, int attempt);

    [LoggerMessage(Level = LogLevel.Debug, Message = "GitHub is still computing whether pull request #{Number} merges; asking again in {Seconds} s")]
    public static partial void MergeabilityPending(ILogger logger, int number, double seconds);
}
