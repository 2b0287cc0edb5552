using System.Net;
using System.Net.Http.Json;

namespace Squad.Server;

/// <summary>
/// Slack's Web API for the progress thread (<c>chat.postMessage</c>), with the bot token; its base address is
/// <see cref="SlackServerOptions.ApiBaseUrl"/>. A 429 is waited out once, as its <c>Retry-After</c> says.
/// </summary>
internal sealed class SlackApiClient(HttpClient http, TimeProvider time)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>Posts <paramref name="message"/> and returns its <c>ts</c> (the thread id for follow-ups).</summary>
    /// <exception cref="HttpRequestException">Slack refused the message (HTTP error, or <c>ok: false</c>).</exception>
    public async Task<string?> PostMessageAsync(ChatMessage message, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync("chat.postMessage", message, ServerJsonContext.Default.ChatMessage, cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests && attempt == 1)
            {
                var wait = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                await Task.Delay(wait < LongestWait ? wait : LongestWait, time, cancellationToken);
                continue;
            }

            response.EnsureSuccessStatusCode();
            var result = await response.Content.ReadFromJsonAsync(ServerJsonContext.Default.ChatMessageResult, cancellationToken);
            return result is { Ok: true }
                ? result.Ts
                : throw new HttpRequestException($"chat.postMessage failed: {result?.Error ?? "no answer"}");
        }
    }
}
