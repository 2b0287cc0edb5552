using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Squad.Linear.Tests.Fakes;

/// <summary>
/// Linear's GraphQL endpoint on 127.0.0.1 and a free port: checks the <c>Authorization</c> header as Linear does
/// (a personal key raw, an OAuth token after <c>Bearer</c>), answers from <see cref="Store"/>, records every request,
/// and sends queued one-off answers (a RATELIMITED, say) before resolving.
/// </summary>
public sealed partial class FakeLinearServer : IAsyncDisposable
{
    public const string ApiKey = "lin_api_FAKEfake0123456789abcdefSECRET";
    public const string OAuthToken = "lin_oauth_FAKEfake0123456789abcdefSECRET";

    private readonly Lock gate = new();
    private readonly Queue<FakeLinearAnswer> queued = new();
    private readonly List<FakeLinearRequest> requests = [];
    private readonly HttpListener listener;
    private readonly FakeLinearResolver resolver;
    private readonly Task loop;

    private FakeLinearServer(HttpListener listener, Uri endpoint)
    {
        this.listener = listener;
        Endpoint = endpoint;
        resolver = new FakeLinearResolver(Store);
        loop = Task.Run(ServeAsync);
    }

    public Uri Endpoint { get; }

    public FakeLinearStore Store { get; } = new();

    public IReadOnlyList<FakeLinearRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public static FakeLinearServer Start()
    {
        for (var attempt = 1; ; attempt++)
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeLinearServer(listener, new Uri($"http://127.0.0.1:{port}/graphql"));
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    /// <summary>Sends <paramref name="answer"/> to the next request instead of resolving it.</summary>
    public void Enqueue(FakeLinearAnswer answer)
    {
        lock (gate)
        {
            queued.Enqueue(answer);
        }
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        try
        {
            await loop;
        }
        catch (ObjectDisposedException)
        {
            // Stopping the listener ends the loop one way or another.
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
        var json = JsonNode.Parse(body)!.AsObject();
        var query = json["query"]!.GetValue<string>();
        var request = new FakeLinearRequest
        {
            OperationName = OperationPattern().Match(query).Groups[1].Value,
            Query = query,
            Variables = json["variables"]?.AsObject() ?? [],
            Authorization = context.Request.Headers["Authorization"],
            Body = body,
        };

        FakeLinearAnswer answer;
        lock (gate)
        {
            requests.Add(request);
            answer = request.Authorization is not (ApiKey or "Bearer " + OAuthToken) ? FakeLinearAnswers.Unauthenticated()
                : queued.TryDequeue(out var next) ? next
                : resolver.Resolve(request);
        }

        await WriteAsync(context.Response, answer);
    }

    private static async Task WriteAsync(HttpListenerResponse response, FakeLinearAnswer answer)
    {
        response.StatusCode = answer.Status;
        response.ContentType = "application/json; charset=utf-8";
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
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
            // The client gave up: nothing to answer.
        }
    }

    [GeneratedRegex(@"^\s*(?:query|mutation)\s+(\w+)")]
    private static partial Regex OperationPattern();
}
