using System.Globalization;
using System.Net;
using System.Net.Http.Json;

namespace Squad.Server;

/// <summary>
/// Slack's <c>apps.connections.open</c>, called with the app-level token before every Socket Mode connection: each
/// URL it hands out is good for one connection. The named client carries the base address and the token.
/// </summary>
internal sealed class SlackConnectionsClient(IHttpClientFactory clients)
{
    public const string HttpClientName = nameof(SlackConnectionsClient);

    /// <summary>A fresh <c>wss://</c> URL, or Slack's refusal as a value; network failures throw.</summary>
    /// <exception cref="HttpRequestException">Slack could not be reached.</exception>
    /// <exception cref="System.Text.Json.JsonException">The answer is not JSON.</exception>
    public async Task<SocketModeOpening> OpenAsync(CancellationToken cancellationToken = default)
    {
        var http = clients.CreateClient(HttpClientName);
        using var empty = new FormUrlEncodedContent([]);
        using var response = await http.PostAsync("apps.connections.open", empty, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return new SocketModeOpening { Error = "ratelimited", RetryAfter = response.Headers.RetryAfter?.Delta };
        }

        if (!response.IsSuccessStatusCode)
        {
            return new SocketModeOpening { Error = "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture) };
        }

        var result = await response.Content.ReadFromJsonAsync(ServerJsonContext.Default.ConnectionsOpenResult, cancellationToken);
        return result is { Ok: true, Url: { } url } && Uri.TryCreate(url, UriKind.Absolute, out var socketUrl) && socketUrl.Scheme is "wss" or "ws"
            ? new SocketModeOpening { Url = socketUrl }
            : new SocketModeOpening { Error = result?.Error ?? "no WebSocket URL in the answer" };
    }
}
