using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Squad.Core;

namespace Squad.Linear;

/// <summary>
/// Linear's GraphQL endpoint over a typed <see cref="HttpClient"/>: one POST per operation, RATELIMITED answers waited
/// out on <see cref="TimeProvider"/> until the reset the headers give, every other failure mapped by
/// <see cref="LinearFailures"/>.
/// </summary>
internal sealed class LinearClient(HttpClient httpClient, LinearOptions options, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Sends <paramref name="document"/>; <paramref name="notFound"/> is the message when Linear has no such entity.</summary>
    public async Task<T> ExecuteAsync<T>(
        string document,
        JsonObject variables,
        JsonTypeInfo<GraphQLResponse<T>> responseType,
        string? notFound = null,
        CancellationToken cancellationToken = default)
        where T : class
    {
        var operation = LinearDocuments.NameOf(document);
        var body = JsonSerializer.Serialize(new GraphQLRequest { Query = document, Variables = variables }, LinearJsonContext.Default.GraphQLRequest);
        for (var attempt = 1; ; attempt++)
        {
            using var response = await SendAsync(body, cancellationToken);
            var status = (int)response.StatusCode;
            var answer = await ReadAsync(response, responseType, operation, cancellationToken);
            if (LinearFailures.IsRateLimited(response.StatusCode, answer?.Errors))
            {
                if (attempt >= options.MaxAttempts)
                {
                    throw LinearFailures.StillRateLimited(operation, attempt);
                }

                var wait = RateLimitWait.From(response.Headers, timeProvider.GetUtcNow());
                LinearLog.RateLimited(logger, operation, wait.TotalSeconds, attempt);
                await Task.Delay(wait, timeProvider, cancellationToken);
                continue;
            }

            if (LinearFailures.Of(response.StatusCode, answer?.Errors, operation, notFound) is { } failure)
            {
                var scrubbed = Scrub(failure);
                LinearLog.Failed(logger, operation, status, scrubbed.Message);
                throw scrubbed;
            }

            return answer?.Data ?? throw LinearFailures.Malformed(operation, status);
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, options.Endpoint)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", options.AuthorizationValue);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            return await httpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw LinearFailures.Unreachable(options.Endpoint, exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw LinearFailures.Unreachable(options.Endpoint, exception);
        }
    }

    private static async Task<GraphQLResponse<T>?> ReadAsync<T>(
        HttpResponseMessage response, JsonTypeInfo<GraphQLResponse<T>> responseType, string operation, CancellationToken cancellationToken)
        where T : class
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(text, responseType);
        }
        catch (JsonException exception) when (response.IsSuccessStatusCode)
        {
            throw LinearFailures.Malformed(operation, (int)response.StatusCode, exception);
        }
        catch (JsonException)
        {
            // An error page that is not GraphQL JSON (a proxy's 502, say): the status code tells the failure.
            return null;
        }
    }

    // Linear's own error text never holds the key, but a proxy echoing the request could: scrub it to be sure.
    private SquadException Scrub(SquadException failure) =>
        failure.Message.Contains(options.Credential, StringComparison.Ordinal)
            ? new SquadException(failure.Code, failure.Message.Replace(options.Credential, "***", StringComparison.Ordinal))
            : failure;
}
