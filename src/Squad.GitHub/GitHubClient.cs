using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Squad.Core;

namespace Squad.GitHub;

/// <summary>
/// Squad's thin calls for the routes Octokit 14 does not cover (rules for a branch, update-branch, GraphQL enqueue)
/// and the reads they share with the merge path; they go through the same <see cref="GitHubHandler"/> as Octokit's
/// connection (rate-limit waits, one write at a time, conditional reads, the token kept to the API's host).
/// Every failure is mapped in <see cref="GitHubErrors"/>.
/// </summary>
internal sealed class GitHubClient : IDisposable
{
    private const int PageSize = 100;

    private readonly HttpClient http;
    private readonly string token;

    public GitHubClient(GitHubHandler handler, Uri apiRoot, string token)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        http = new HttpClient(handler, disposeHandler: false) { BaseAddress = apiRoot, Timeout = Timeout.InfiniteTimeSpan };
        this.token = token;
        http.DefaultRequestHeaders.UserAgent.ParseAdd("squad");
    }
    /// <summary>The resource, or null when GitHub answers 404.</summary>
    public async Task<T?> FindAsync<T>(string path, JsonTypeInfo<T> type, CancellationToken cancellationToken = default)
        where T : class
    {
        var response = await ReadAsync(new Uri(path, UriKind.Relative), [HttpStatusCode.NotFound], cancellationToken);
        return response.Status == HttpStatusCode.NotFound ? null : Parse(response.Body, type, path);
    }

    /// <summary>The resource, or null when GitHub answers 404 or one of <paramref name="absentToo"/> (403 where admin rights are needed, say).</summary>
    public async Task<T?> FindAsync<T>(string path, JsonTypeInfo<T> type, IReadOnlyCollection<HttpStatusCode> absentToo, CancellationToken cancellationToken = default)
        where T : class
    {
        var response = await ReadAsync(new Uri(path, UriKind.Relative), [HttpStatusCode.NotFound, .. absentToo], cancellationToken);
        return response.Status == HttpStatusCode.OK ? Parse(response.Body, type, path) : null;
    }

    /// <summary>
    /// The GraphQL endpoint next to the REST root: <c>https://api.github.com/graphql</c>, or <c>https://HOST/api/graphql</c>
    /// on GitHub Enterprise Server (whose REST root is <c>/api/v3</c>).
    /// </summary>
    public string GraphQLPath => http.BaseAddress!.AbsolutePath.TrimEnd('/').EndsWith("/api/v3", StringComparison.OrdinalIgnoreCase) ? "../graphql" : "graphql";

    /// <summary>Every page of a list, following <c>Link: rel="next"</c> as given.</summary>
    public async Task<List<T>> GetAllAsync<T>(string path, JsonTypeInfo<List<T>> type, CancellationToken cancellationToken = default)
    {
        var items = new List<T>();
        Uri? next = new(path + (path.Contains('?', StringComparison.Ordinal) ? '&' : '?') + "per_page=" + PageSize, UriKind.Relative);
        while (next is not null)
        {
            var response = await ReadAsync(next, [], cancellationToken);
            items.AddRange(Parse(response.Body, type, path));
            next = response.NextPage;
            if (next is not null && Uri.Compare(next, http.BaseAddress, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                // The token goes with every request: never to a host other than the API's.
                throw new SquadException(SquadErrorCode.Integration,
                    $"GitHub's next page of {path.Split('?')[0]} is on another host ({next.Host}); check GITHUB_API_URL");
            }
        }

        return items;
    }

    /// <summary>
    /// A write (POST, PUT, PATCH), one at a time. <paramref name="accepted"/> names the failure statuses the
    /// caller handles as values; any other failure throws. <paramref name="asToken"/> acts as another identity.
    /// </summary>
    public Task<GitHubResponse> WriteAsync<TBody>(HttpMethod method, string path, TBody body, JsonTypeInfo<TBody> type,
        IReadOnlyCollection<HttpStatusCode> accepted, string? asToken = null, CancellationToken cancellationToken = default)
        => WriteCoreAsync(method, path, JsonSerializer.Serialize(body, type), accepted, asToken, cancellationToken);

    /// <summary>A write without a body (DELETE).</summary>
    public Task<GitHubResponse> WriteAsync(HttpMethod method, string path, IReadOnlyCollection<HttpStatusCode> accepted, CancellationToken cancellationToken = default)
        => WriteCoreAsync(method, path, null, accepted, null, cancellationToken);

    public static T Parse<T>(string body, JsonTypeInfo<T> type, string path)
    {
        try
        {
            return JsonSerializer.Deserialize(body, type)
                ?? throw new JsonException("the body is null");
        }
        catch (JsonException exception)
        {
            throw new SquadException(SquadErrorCode.Integration,
                $"GitHub's answer to {path.Split('?')[0]} is not what its API describes ({exception.Message}); check GITHUB_API_URL", exception);
        }
    }

    public void Dispose() => http.Dispose();

    private Task<GitHubResponse> WriteCoreAsync(HttpMethod method, string path, string? json,
        IReadOnlyCollection<HttpStatusCode> accepted, string? asToken, CancellationToken cancellationToken)
        => SendAsync(() =>
        {
            var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
            if (json is not null)
            {
                request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            return request;
        }, asToken ?? token, accepted, cancellationToken);

    private Task<GitHubResponse> ReadAsync(Uri uri, IReadOnlyCollection<HttpStatusCode> accepted, CancellationToken cancellationToken)
        => SendAsync(() => new HttpRequestMessage(HttpMethod.Get, uri), token, accepted, cancellationToken);

    private async Task<GitHubResponse> SendAsync(Func<HttpRequestMessage> create, string bearer, IReadOnlyCollection<HttpStatusCode> accepted,
        CancellationToken cancellationToken)
    {
        using var request = create();
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        var address = new Uri(http.BaseAddress!, request.RequestUri!);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.IsSuccessStatusCode || accepted.Contains(response.StatusCode))
        {
            return new GitHubResponse { Status = response.StatusCode, Body = body, NextPage = NextPage(response) };
        }

        throw GitHubErrors.FromResponse(response.StatusCode, request.Method, address, body, [token, bearer]);
    }

    /// <summary>The <c>rel="next"</c> target of a <c>Link</c> header: <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="last"</c>.</summary>
    internal static Uri? NextPage(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var link in values.SelectMany(v => v.Split(',')))
        {
            var parts = link.Split(';', StringSplitOptions.TrimEntries);
            if (parts.Length > 1 && parts[0].StartsWith('<') && parts[0].EndsWith('>')
                && parts.Skip(1).Any(p => p.Replace(" ", "", StringComparison.Ordinal) is "rel=\"next\"" or "rel=next"))
            {
                return new Uri(parts[0][1..^1], UriKind.Absolute);
            }
        }

        return null;
    }
}
