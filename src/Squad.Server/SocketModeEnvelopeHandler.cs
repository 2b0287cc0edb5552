using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace Squad.Server;

/// <summary>
/// Makes the acknowledgement of each Socket Mode envelope: a slash command's carries the reply
/// <see cref="SlackCommandHandler"/> gives over HTTP; a redelivery of one already handled (same envelope id, or same
/// trigger id), and every other kind of envelope, get the bare acknowledgement and start nothing.
/// </summary>
internal sealed class SocketModeEnvelopeHandler(SlackCommandHandler handler, ReplayGuard replays, ILogger<SocketModeEnvelopeHandler> logger)
{
    public SocketModeAck Acknowledge(SocketModeMessage envelope)
    {
        ArgumentException.ThrowIfNullOrEmpty(envelope.EnvelopeId);
        var ack = new SocketModeAck { EnvelopeId = envelope.EnvelopeId };
        if (envelope.Type != SocketModeMessage.SlashCommands || ReadCommand(envelope) is not { } command)
        {
            SocketModeLog.EnvelopeIgnored(logger, envelope.Type);
            return ack;
        }

        if (!IsFirstDelivery(envelope.EnvelopeId, command.TriggerId))
        {
            SocketModeLog.Redelivered(logger, envelope.EnvelopeId, envelope.RetryAttempt, envelope.RetryReason ?? "no reason given");
            return ack;
        }

        var reply = handler.Handle(new SlackRequest
        {
            UserId = command.UserId,
            ChannelId = command.ChannelId,
            Text = command.Text ?? "",
            ResponseUrl = Uri.TryCreate(command.ResponseUrl, UriKind.Absolute, out var url) && url.Scheme is "https" or "http" ? url : null,
        });
        return envelope.AcceptsResponsePayload ? ack with { Payload = reply } : ack;
    }

    private SlashCommandPayload? ReadCommand(SocketModeMessage envelope)
    {
        try
        {
            return envelope.Payload?.Deserialize(ServerJsonContext.Default.SlashCommandPayload);
        }
        catch (JsonException ex)
        {
            SocketModeLog.MalformedMessage(logger, ex);
            return null;
        }
    }

    // Both keys are remembered, whichever is new, so a later redelivery matches either.
    private bool IsFirstDelivery(string envelopeId, string? triggerId)
    {
        var newEnvelope = replays.TryAccept("envelope:" + envelopeId);
        var newTrigger = string.IsNullOrEmpty(triggerId) || replays.TryAccept("trigger:" + triggerId);
        return newEnvelope && newTrigger;
    }
}
