using Octokit;
using Octokit.Internal;
using Squad.Core;

namespace Squad.GitHub;

/// <summary>
/// Octokit's client on Squad's transport: a <see cref="Connection"/> whose base address is the configured API root
/// (<c>https://api.github.com/</c> or GitHub Enterprise Server's <c>https://HOST/api/v3/</c>) and whose HTTP goes
/// through the shared <see cref="GitHubHandler"/>. Octokit's typed exceptions become Squad's one-line messages.
/// </summary>
internal static class GitHubOctokit
{
    public static IGitHubClient Create(GitHubHandler handler, Uri apiRoot, string token)
    {
        var connection = new Connection(new ProductHeaderValue("squad"), apiRoot,
            new InMemoryCredentialStore(new Credentials(token, AuthenticationType.Bearer)),
            new HttpClientAdapter(() => handler), new SimpleJsonSerializer());
        // Rate-limit waits happen inside the handler on the TimeProvider, each attempt with its own timeout.
        connection.SetRequestTimeout(Timeout.InfiniteTimeSpan);
        return new Octokit.GitHubClient(connection);
    }

    /// <summary>Runs an Octokit call; its failure becomes one <see cref="SquadException"/> naming <paramref name="method"/> and <paramref name="path"/>.</summary>
    public static async Task<T> CallAsync<T>(HttpMethod method, string path, IEnumerable<string> secrets, Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ApiException exception)
        {
            throw FromOctokit(exception, method, path, secrets);
        }
    }

    /// <summary>GitHub's <c>message</c> and first error detail, as Octokit parsed them.</summary>
    public static string Detail(ApiException exception)
    {
        var message = string.IsNullOrWhiteSpace(exception.ApiError?.Message) ? "no message" : exception.ApiError.Message.Trim();
        var first = exception.ApiError?.Errors is { Count: > 0 } errors ? errors[0] : null;
        var extra = first is null ? null : !string.IsNullOrWhiteSpace(first.Message) ? first.Message : first.Code;
        return (string.IsNullOrWhiteSpace(extra) ? message : $"{message}: {extra}").ReplaceLineEndings(" ");
    }

    public static SquadException FromOctokit(ApiException exception, HttpMethod method, string path, IEnumerable<string> secrets)
    {
        var what = $"{method} {path}";
        var message = exception switch
        {
            RateLimitExceededException or SecondaryRateLimitExceededException => GitHubErrors.RateLimited(method, new Uri(path, UriKind.Relative), GitHubRateLimit.MaxAttempts).Message,
            AuthorizationException => "GitHub refused the token (401): set GITHUB_TOKEN to a token with repo scope",
            ForbiddenException => $"GitHub refused {what} (403: {Detail(exception)}); give the token write access to the repository",
            NotFoundException => $"GitHub has no {path} (404); check the repository name and that the token can see it",
            ApiValidationException => $"GitHub rejected {what} (422: {Detail(exception)}); this is a bug in Squad or a repository rule, see the message",
            _ => $"GitHub answered {(int)exception.StatusCode} to {what} ({Detail(exception)}); try again later or check GITHUB_API_URL",
        };
        // No inner exception: Octokit's carries GitHub's raw answer, which no log should print unscrubbed.
        return new SquadException(SquadErrorCode.Integration, GitHubErrors.Scrub(message, secrets));
    }
}
