using System.Buffers;
using System.Net.WebSockets;
using System.Text;

namespace Squad.Server;

/// <summary>
/// One Socket Mode WebSocket: whole text messages in (however many frames they span), acknowledgements out, one send
/// at a time, and the closing handshake. Its network timeouts run on real time, as <see cref="HttpClient"/>'s do.
/// </summary>
internal sealed class SocketModeConnection : IDisposable
{
    /// <summary>Envelopes are a few kilobytes; a message past this is read to its end and dropped.</summary>
    public const int MaxMessageBytes = 4 * 1024 * 1024;

    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a closing handshake may take before the socket is dropped.</summary>
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(5);

    private readonly ClientWebSocket socket;
    private readonly SemaphoreSlim sending = new(1, 1);

    private SocketModeConnection(ClientWebSocket socket) => this.socket = socket;

    public static async Task<SocketModeConnection> OpenAsync(Uri url, CancellationToken cancellationToken = default)
    {
        var socket = new ClientWebSocket();

        // Pings that go unanswered reveal a connection that died without a close (a laptop asleep, a NAT timeout).
        socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(30);
        socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(30);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ConnectTimeout);
            await socket.ConnectAsync(url, timeout.Token);
            return new SocketModeConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>The next whole text message, or null once Slack has closed the connection.</summary>
    /// <remarks>Cancelling aborts the socket, as with any <see cref="WebSocket"/> operation.</remarks>
    /// <exception cref="WebSocketException">The connection broke.</exception>
    public async Task<string?> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                var tooBig = false;
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(chunk.AsMemory(), cancellationToken);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return null;
                    }

                    tooBig |= message.Length + result.Count > MaxMessageBytes;
                    if (!tooBig)
                    {
                        message.Write(chunk, 0, result.Count);
                    }
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Text && !tooBig)
                {
                    return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    public async Task SendAsync(string text, CancellationToken cancellationToken = default)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>
    /// Sends our close frame, without waiting for Slack's: a <see cref="ReceiveAsync"/> under way returns null once it
    /// arrives. Safe to call while receiving, and when the socket is already closing or broken.
    /// </summary>
    public async Task CloseOutputAsync(CancellationToken cancellationToken = default)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            if (socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cancellationToken);
            }
        }
        catch (WebSocketException)
        {
            // The connection broke first: there is nobody left to tell.
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>
    /// The whole closing handshake, when nothing else is receiving: our close frame, then Slack's (messages that arrive
    /// in between are dropped; Slack redelivers what was not acknowledged).
    /// </summary>
    public async Task CloseAsync()
    {
        using var timeout = new CancellationTokenSource(CloseTimeout);
        try
        {
            await CloseOutputAsync(timeout.Token);
            while (socket.State == WebSocketState.CloseSent)
            {
                if (await ReceiveAsync(timeout.Token) is null)
                {
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            // Slack did not answer the close in time, or the connection broke: it is over either way.
        }
    }

    public void Dispose()
    {
        socket.Dispose();
        sending.Dispose();
    }
}
