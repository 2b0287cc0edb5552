using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;

namespace Squad.Server;

/// <summary>
/// <c>POST /slack/commands</c>: reads the raw body, verifies Slack's signature over it (401 otherwise), drops retries
/// and replays with an empty 200, then parses the form and answers with an ephemeral reply.
/// </summary>
internal sealed class SlackCommandEndpoint(SlackSignatureVerifier verifier, ReplayGuard replays, SlackCommandHandler handler, ILogger<SlackCommandEndpoint> logger)
{
    /// <summary>Slash command bodies are a few hundred bytes; anything far bigger is not Slack.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public async Task<IResult> HandleAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        var body = await RequestBody.ReadAsync(request, MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var timestamp = request.Headers["X-Slack-Request-Timestamp"].ToString();
        var check = verifier.Verify(timestamp, request.Headers["X-Slack-Signature"].ToString(), body);
        if (check != SignatureCheck.Valid)
        {
            ServerLog.RefusedRequest(logger, check);
            return Results.Unauthorized();
        }

        if (request.Headers.ContainsKey("X-Slack-Retry-Num") || !replays.TryAccept(timestamp, body))
        {
            // The first delivery was (or is being) handled; acknowledging again starts nothing.
            ServerLog.IgnoredRequest(logger, request.Headers.ContainsKey("X-Slack-Retry-Num") ? "retry" : "replay");
            return Results.Ok();
        }

        var reply = handler.Handle(ReadForm(body));
        return Results.Json(reply, ServerJsonContext.Default.SlackReply);
    }

    private static SlackRequest ReadForm(byte[] body)
    {
        var form = new FormReader(Encoding.UTF8.GetString(body)).ReadForm();
        string Field(string name) => form.TryGetValue(name, out var value) ? value.ToString() : "";
        return new SlackRequest
        {
            UserId = Field("user_id"),
            ChannelId = Field("channel_id"),
            Text = Field("text"),
            ResponseUrl = Uri.TryCreate(Field("response_url"), UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null,
        };
    }
}
