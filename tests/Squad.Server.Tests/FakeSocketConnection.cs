using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace Squad.Server.Tests;

/// <summary>
/// Slack's end of one Socket Mode connection: sends what the test asks, split into small frames as Slack may split
/// them, and keeps what the client sends back and how it closed the connection.
/// </summary>
internal sealed class FakeSocketConnection(WebSocket socket, string number, Action drop) : IDisposable
{
    private const int FrameBytes = 64;

    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly Channel<string> received = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource<WebSocketCloseStatus?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The <c>n</c> of the URL it was opened with: 1 for the first URL handed out.</summary>
    public string Number => number;

    /// <summary>Completes when the client closes the connection: with its close status, or null when the connection broke.</summary>
    public Task<WebSocketCloseStatus?> Closed => closed.Task;

    public async Task SendAsync(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        await sending.WaitAsync();
        try
        {
            for (var offset = 0; offset < bytes.Length; offset += FrameBytes)
            {
                var count = Math.Min(FrameBytes, bytes.Length - offset);
                await socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count == bytes.Length, CancellationToken.None);
            }
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>The next message the client sent, waited for up to 10 s.</summary>
    public async Task<JsonElement> ReceiveAsync()
    {
        var text = await received.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    /// <summary>Cuts the TCP connection without a close frame, as a network failure would.</summary>
    public void Drop() => drop();

    /// <summary>Keeps the client's messages until it closes (answering its close) or the connection ends.</summary>
    public async Task ReceiveAllAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await socket.ReceiveAsync(buffer.AsMemory(), cancellationToken);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    closed.TrySetResult(socket.CloseStatus);
                    await AnswerCloseAsync(cancellationToken);
                    return;
                }

                received.Writer.TryWrite(Encoding.UTF8.GetString(message.ToArray()));
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
            closed.TrySetResult(null);
        }
    }

    public void Dispose() => sending.Dispose();

    private async Task AnswerCloseAsync(CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", cancellationToken);
        }
        finally
        {
            sending.Release();
        }
    }
}
