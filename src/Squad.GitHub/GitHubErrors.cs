using System.Net;
using System.Text.Json;
using Squad.Core;
using Squad.GitHub.Wire;

namespace Squad.GitHub;

/// <summary>Every HTTP failure of GitHub becomes one <see cref="SquadException"/> here, in one line, without a token.</summary>
internal static class GitHubErrors
{
    public static SquadException FromResponse(HttpStatusCode status, HttpMethod method, Uri uri, string body, IEnumerable<string> secrets)
    {
        var what = $"{method} {uri.AbsolutePath}";
        var detail = Detail(body);
        var message = status switch
        {
            HttpStatusCode.Unauthorized => "GitHub refused the token (401): set GITHUB_TOKEN to a token with repo scope",
            HttpStatusCode.Forbidden => $"GitHub refused {what} (403: {detail}); give the token write access to the repository",
            HttpStatusCode.NotFound => $"GitHub has no {uri.AbsolutePath} (404); check the repository name and that the token can see it",
            HttpStatusCode.UnprocessableEntity => $"GitHub rejected {what} (422: {detail}); this is a bug in Squad or a repository rule, see the message",
            _ => $"GitHub answered {(int)status} to {what} ({detail}); try again later or check GITHUB_API_URL",
        };
        return new SquadException(SquadErrorCode.Integration, Scrub(message, secrets));
    }

    /// <summary>A 422 on opening a pull request that is not "one already exists" (no commits between the branches, say).</summary>
    public static SquadException PullRequestRefused(string repository, string head, string baseBranch, string detail)
        => new(SquadErrorCode.Integration,
            $"GitHub refused to open a pull request from {head} into {baseBranch} in '{repository}' (422: {detail}); push the branch first and check that it differs from {baseBranch}");

    public static SquadException RateLimited(HttpMethod method, Uri uri, int attempts)
        => new(SquadErrorCode.Integration,
            $"GitHub's rate limit still refused {method} {uri.AbsolutePath} after {attempts} attempts; wait for the limit to reset and run again");

    public static SquadException Unreachable(HttpMethod method, Uri uri, Exception exception, IEnumerable<string> secrets)
        => new(SquadErrorCode.Integration,
            Scrub($"could not reach GitHub for {method} {uri.GetLeftPart(UriPartial.Path)} ({exception.Message}); check GITHUB_API_URL and the network", secrets),
            exception);

    /// <summary>GitHub's <c>message</c>, and the first detail of a 422.</summary>
    public static string Detail(string body)
    {
        GitHubErrorDto? error = null;
        try
        {
            error = JsonSerializer.Deserialize(body, GitHubJsonContext.Default.GitHubErrorDto);
        }
        catch (JsonException)
        {
            // Not GitHub's error shape (a proxy's page, say): fall back to the status alone.
        }

        var message = string.IsNullOrWhiteSpace(error?.Message) ? "no message" : error.Message.Trim();
        JsonElement? first = error?.Errors is { Count: > 0 } errors ? errors[0] : null;
        var extra = first?.ValueKind switch
        {
            JsonValueKind.String => first.Value.GetString(),
            JsonValueKind.Object when first.Value.TryGetProperty("message", out var m) => m.GetString(),
            JsonValueKind.Object when first.Value.TryGetProperty("code", out var c) => c.GetString(),
            _ => null,
        };
        var text = string.IsNullOrWhiteSpace(extra) ? message : $"{message}: {extra}";
        return text.ReplaceLineEndings(" ");
    }

    public static string Scrub(string text, IEnumerable<string> secrets)
    {
        foreach (var secret in secrets)
        {
            if (secret.Length > 0)
            {
                text = text.Replace(secret, "***", StringComparison.Ordinal);
            }
        }

        return text;
    }
}
