using System.Net.Http.Json;

namespace Squad.Server;

/// <summary>Posts delayed replies to a command's <c>response_url</c>; the address comes from the URL itself, not a base address.</summary>
internal sealed class SlackResponseClient(HttpClient http)
{
    public async Task PostAsync(Uri responseUrl, SlackReply reply, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync(responseUrl, reply, ServerJsonContext.Default.SlackReply, cancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
