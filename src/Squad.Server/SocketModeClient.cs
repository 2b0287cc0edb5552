using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Squad.Server;

/// <summary>
/// Socket Mode: asks Slack for a connection URL with the app-level token, keeps one WebSocket open and acknowledges
/// each envelope as it arrives (a slash command with its reply, at once). Slack's <c>disconnect</c> gets a fresh
/// connection straight away; a refusal, a broken connection or a lost network gets another attempt after a capped
/// exponential backoff on the injected clock (or Slack's <c>Retry-After</c>). Shutdown closes the socket normally.
/// </summary>
internal sealed class SocketModeClient(
    SlackConnectionsClient connections, SocketModeEnvelopeHandler envelopes, TimeProvider time, ILogger<SocketModeClient> logger) : BackgroundService
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(1);

    private static readonly string[] TokenErrors = ["invalid_auth", "not_authed", "not_allowed_token_type", "missing_scope", "token_revoked", "account_inactive"];

    /// <summary>Attempts that failed since the last <c>hello</c>.</summary>
    private int failures;

    /// <summary>1 s after the first failure, doubling up to a minute.</summary>
    public static TimeSpan Backoff(int failures)
        => TimeSpan.FromSeconds(Math.Min(FirstBackoff.TotalSeconds * Math.Pow(2, Math.Clamp(failures - 1, 0, 30)), LongestBackoff.TotalSeconds));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = await ConnectOnceAsync(stoppingToken);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, time, stoppingToken);
                }
            }
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping: whatever the connection was doing when it was cut short no longer matters.
        }

        SocketModeLog.Stopped(logger);
    }

    /// <summary>One connection, from asking for its URL to its end; returns how long to wait before the next.</summary>
    private async Task<TimeSpan> ConnectOnceAsync(CancellationToken stoppingToken)
    {
        try
        {
            var opening = await connections.OpenAsync(stoppingToken);
            if (opening.Url is not { } url)
            {
                return Refused(opening);
            }

            using var connection = await SocketModeConnection.OpenAsync(url, stoppingToken);
            SocketModeLog.Connected(logger, url.Host);
            if (await ServeAsync(connection, stoppingToken) || stoppingToken.IsCancellationRequested)
            {
                return TimeSpan.Zero;
            }

            var wait = Backoff(++failures);
            SocketModeLog.ConnectionLost(logger, wait, null);
            return wait;
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Whatever broke this connection (the network, Slack, a message we could not handle) must not end Socket
            // Mode for good, nor stop the host: the next connection gets its chance after the backoff.
            var wait = Backoff(++failures);
            SocketModeLog.ConnectionLost(logger, wait, ex);
            return wait;
        }
    }

    private TimeSpan Refused(SocketModeOpening opening)
    {
        var error = opening.Error ?? "no reason given";
        var wait = opening.RetryAfter ?? Backoff(++failures);
        if (TokenErrors.Contains(error, StringComparer.Ordinal))
        {
            SocketModeLog.TokenRefused(logger, error, wait);
        }
        else
        {
            SocketModeLog.OpenRefused(logger, error, wait);
        }

        return wait;
    }

    /// <summary>Handles messages until the connection ends: true when Slack asked for a fresh one.</summary>
    private async Task<bool> ServeAsync(SocketModeConnection connection, CancellationToken stoppingToken)
    {
        // Cancelling a receive would abort the socket without a close frame, so shutdown is a separate signal.
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = stoppingToken.Register(() => stopping.TrySetResult());
        using var abort = new CancellationTokenSource();
        var receiving = ReceiveAllAsync(connection, abort.Token);
        if (await Task.WhenAny(receiving, stopping.Task) == receiving)
        {
            return await receiving;
        }

        using (var closing = new CancellationTokenSource(SocketModeConnection.CloseTimeout))
        {
            await connection.CloseOutputAsync(closing.Token);
        }

        abort.CancelAfter(SocketModeConnection.CloseTimeout);
        try
        {
            await receiving;
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // Slack did not answer the close in time, or the connection broke on the way out.
        }

        return false;
    }

    private async Task<bool> ReceiveAllAsync(SocketModeConnection connection, CancellationToken cancellationToken)
    {
        while (await connection.ReceiveAsync(cancellationToken) is { } text)
        {
            var message = Parse(text);
            if (message?.Type == SocketModeMessage.Hello)
            {
                failures = 0;
                SocketModeLog.Ready(logger);
            }
            else if (message?.Type == SocketModeMessage.Disconnect)
            {
                SocketModeLog.ReconnectRequested(logger, message.Reason ?? "no reason given");
                await connection.CloseAsync();
                return true;
            }
            else if (message?.EnvelopeId is { Length: > 0 })
            {
                var ack = envelopes.Acknowledge(message);
                await connection.SendAsync(JsonSerializer.Serialize(ack, ServerJsonContext.Default.SocketModeAck), cancellationToken);
            }
        }

        // Slack closed the connection without asking first: answer its close, then reconnect after the backoff.
        await connection.CloseAsync();
        return false;
    }

    private SocketModeMessage? Parse(string text)
    {
        try
        {
            return JsonSerializer.Deserialize(text, ServerJsonContext.Default.SocketModeMessage);
        }
        catch (JsonException ex)
        {
            SocketModeLog.MalformedMessage(logger, ex);
            return null;
        }
    }
}
