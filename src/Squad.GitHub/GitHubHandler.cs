using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;

namespace Squad.GitHub;

/// <summary>
/// The one HTTP path to GitHub, under Octokit's connection and Squad's own thin calls alike: the token only ever
/// goes to the API's host, writes go one at a time (GitHub's secondary limits punish concurrent content creation),
/// rate-limit refusals wait on the <see cref="TimeProvider"/> (<c>retry-after</c>, <c>x-ratelimit-reset</c>, else a
/// doubling minute) and reads with the main token are conditional (<c>If-None-Match</c>; a 304 is answered from
/// <see cref="GitHubResponseCache"/> as the 200 it stands for, so it costs no rate limit).
/// </summary>
internal sealed class GitHubHandler : DelegatingHandler
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(100);

    private readonly Uri apiRoot;
    private readonly string token;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;
    private readonly GitHubResponseCache cache = new();
    private readonly SemaphoreSlim writes = new(1, 1);

    public GitHubHandler(Uri apiRoot, string token, TimeProvider timeProvider, ILogger logger, HttpMessageHandler? inner = null)
        : base(inner ?? new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        this.apiRoot = apiRoot;
        this.token = token;
        this.timeProvider = timeProvider;
        this.logger = logger;
    }

    /// <summary>The secrets no message may carry.</summary>
    public string[] Secrets => [token];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var address = request.RequestUri!;
        if (Uri.Compare(address, apiRoot, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            // The token goes with every request: never to a host other than the API's (a next page elsewhere, say).
            throw new Core.SquadException(Core.SquadErrorCode.Integration,
                $"GitHub's answer leads to {address.GetLeftPart(UriPartial.Path)} on another host ({address.Host}); check GITHUB_API_URL");
        }

        var write = request.Method != HttpMethod.Get && request.Method != HttpMethod.Head;
        if (!write)
        {
            return await SendWithRetriesAsync(request, cancellationToken);
        }

        await writes.WaitAsync(cancellationToken);
        try
        {
            return await SendWithRetriesAsync(request, cancellationToken);
        }
        finally
        {
            writes.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            writes.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<HttpResponseMessage> SendWithRetriesAsync(HttpRequestMessage original, CancellationToken cancellationToken)
    {
        Standardize(original);
        var content = original.Content is null ? null : await original.Content.ReadAsByteArrayAsync(cancellationToken);
        var bearer = original.Headers.Authorization?.Parameter ?? "";
        var cacheable = original.Method == HttpMethod.Get && bearer == token;
        for (var attempt = 1; ; attempt++)
        {
            using var request = Copy(original, content);
            var cached = cacheable ? cache.Find(request.RequestUri!) : null;
            if (cached is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", cached.ETag);
            }

            var response = await TrySendAsync(request, bearer, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotModified && cached is not null)
            {
                response.Dispose();
                return cached.ToResponse(original);
            }

            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var delay = response.IsSuccessStatusCode ? null : GitHubRateLimit.RetryDelay(response, body, attempt, timeProvider.GetUtcNow());
            if (delay is null)
            {
                if (cacheable && response.IsSuccessStatusCode && response.Headers.ETag is { } etag)
                {
                    cache.Put(request.RequestUri!, GitHubCachedAnswer.From(response, etag.ToString(), body));
                }

                return response;
            }

            response.Dispose();
            if (attempt >= GitHubRateLimit.MaxAttempts)
            {
                throw GitHubErrors.RateLimited(original.Method, original.RequestUri!, attempt);
            }

            GitHubLog.RateLimited(logger, original.Method.Method, original.RequestUri!.AbsolutePath, (int)response.StatusCode, delay.Value.TotalSeconds, attempt + 1);
            await Task.Delay(delay.Value, timeProvider, cancellationToken);
        }
    }

    private async Task<HttpResponseMessage> TrySendAsync(HttpRequestMessage request, string bearer, CancellationToken cancellationToken)
    {
        // A network timeout is wall-clock time, not the (possibly simulated) clock the waits run on.
        using var timeout = new CancellationTokenSource(AttemptTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await base.SendAsync(request, linked.Token);
        }
        catch (Exception exception) when (exception is HttpRequestException
            || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw GitHubErrors.Unreachable(request.Method, request.RequestUri!, exception, [token, bearer]);
        }
    }

    /// <summary>GitHub's documented media type and API version, whoever built the request.</summary>
    private static void Standardize(HttpRequestMessage request)
    {
        if (!request.Headers.Contains("X-GitHub-Api-Version"))
        {
            request.Headers.Add("X-GitHub-Api-Version", "2022-11-28");
        }

        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/vnd.github+json"));
    }

    private static HttpRequestMessage Copy(HttpRequestMessage original, byte[]? content)
    {
        var copy = new HttpRequestMessage(original.Method, original.RequestUri) { Version = original.Version };
        foreach (var header in original.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (content is not null)
        {
            copy.Content = new ByteArrayContent(content);
            foreach (var header in original.Content!.Headers)
            {
                copy.Content.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        return copy;
    }
}
