using System.Net;

namespace Squad.GitHub;

/// <summary>An answer the caller expected: a success, a 304 served from the cache, or a status it named.</summary>
internal sealed record GitHubResponse
{
    public required HttpStatusCode Status { get; init; }

    public required string Body { get; init; }

    /// <summary>The <c>Link</c> header's <c>rel="next"</c> URL, as given.</summary>
    public Uri? NextPage { get; init; }
}
