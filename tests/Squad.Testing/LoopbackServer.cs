using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Squad.Testing;

/// <summary>
/// A real HTTP server on 127.0.0.1 and a free port, for clients that must be tested over the wire: it answers each
/// request with the next queued <see cref="LoopbackResponse"/> and records every request. With nothing queued it asks
/// its responder (a fake service's logic), or without one answers 418 with an error body, so a test that asks once too
/// often fails with a clear message.
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly Queue<LoopbackResponse> responses = new();
    private readonly List<LoopbackRequest> requests = [];
    private readonly HttpListener listener;
    private readonly Func<LoopbackRequest, LoopbackResponse>? respond;
    private readonly Task loop;

    private LoopbackServer(HttpListener listener, Uri baseAddress, Func<LoopbackRequest, LoopbackResponse>? respond)
    {
        this.listener = listener;
        this.respond = respond;
        BaseAddress = baseAddress;
        loop = Task.Run(ServeAsync);
    }

    /// <summary>The server's root, <c>http://127.0.0.1:PORT/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The requests received so far, oldest first.</summary>
    public IReadOnlyList<LoopbackRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Starts a server on a free loopback port; <paramref name="respond"/> answers what the queue does not.</summary>
    public static LoopbackServer Start(Func<LoopbackRequest, LoopbackResponse>? respond = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new LoopbackServer(listener, new Uri($"http://127.0.0.1:{port}/"), respond);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and listening: try another.
                listener.Close();
            }
        }
    }

    /// <summary>Adds answers to the end of the queue.</summary>
    public LoopbackServer Enqueue(params IEnumerable<LoopbackResponse> answers)
    {
        lock (gate)
        {
            foreach (var answer in answers)
            {
                responses.Enqueue(answer);
            }
        }

        return this;
    }

    private int disposed;

    /// <summary>The server's address joined with <paramref name="path"/> (<c>v1</c>).</summary>
    public Uri Url(string path) => new(BaseAddress, path);

    public async ValueTask DisposeAsync()
    {
        // A test may stop the server itself (nothing listening) before its class disposes it: the second call is a no-op.
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        listener.Stop();
        try
        {
            listener.Close();
        }
        catch (HttpListenerException)
        {
            // The managed listener looks its port up again on Close, after Stop released it, and binds it anew to do so:
            // when another listener took the port meanwhile that bind fails ("Address already in use"). Stop closed ours.
        }

        try
        {
            await loop;
        }
        catch (ObjectDisposedException)
        {
            // Stopping the listener ends the loop one way or another.
        }
    }

    // HttpListener cannot listen on port 0, so a port is probed first. Within this process a port is
    // never handed out twice: the managed listener shares one socket per port between listeners.
    private static readonly HashSet<int> HandedOut = [];

    private static int FreePort()
    {
        while (true)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        var request = new LoopbackRequest
        {
            Method = context.Request.HttpMethod,
            Path = context.Request.Url?.PathAndQuery ?? "",
            Headers = context.Request.Headers.AllKeys.OfType<string>()
                .ToDictionary(k => k, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase),
            Body = body,
        };
        LoopbackResponse? answer;
        lock (gate)
        {
            requests.Add(request);
            responses.TryDequeue(out answer);
        }

        answer ??= respond?.Invoke(request);
        answer ??= LoopbackResponse.Error(418, "{\"error\":{\"message\":\"LoopbackServer has no response queued for this request\"}}");
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.ContentType = answer.ContentType;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        response.ContentLength64 = bytes.Length;
        try
        {
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
        catch (HttpListenerException)
        {
            // The client gave up (a timeout or a cancelled test): nothing to answer.
        }
    }
}
