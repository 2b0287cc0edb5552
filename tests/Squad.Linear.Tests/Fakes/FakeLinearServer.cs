using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Squad.Testing;

namespace Squad.Linear.Tests.Fakes;

/// <summary>
/// Linear's GraphQL endpoint on a <see cref="LoopbackServer"/>: checks the <c>Authorization</c> header as Linear does
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
    private readonly FakeLinearResolver resolver;
    private readonly LoopbackServer server;

    private FakeLinearServer()
    {
        resolver = new FakeLinearResolver(Store);
        server = LoopbackServer.Start(Answer);
        Endpoint = server.Url("graphql");
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

    public static FakeLinearServer Start() => new();

    /// <summary>Sends <paramref name="answer"/> to the next request instead of resolving it.</summary>
    public void Enqueue(FakeLinearAnswer answer)
    {
        lock (gate)
        {
            queued.Enqueue(answer);
        }
    }

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private LoopbackResponse Answer(LoopbackRequest received)
    {
        var json = JsonNode.Parse(received.Body)!.AsObject();
        var query = json["query"]!.GetValue<string>();
        var request = new FakeLinearRequest
        {
            OperationName = OperationPattern().Match(query).Groups[1].Value,
            Query = query,
            Variables = json["variables"]?.AsObject() ?? [],
            Authorization = received.Headers.GetValueOrDefault("Authorization"),
            Body = received.Body,
        };

        FakeLinearAnswer answer;
        lock (gate)
        {
            requests.Add(request);
            answer = request.Authorization is not (ApiKey or "Bearer " + OAuthToken) ? FakeLinearAnswers.Unauthenticated()
                : queued.TryDequeue(out var next) ? next
                : resolver.Resolve(request);
        }

        return new LoopbackResponse
        {
            Status = answer.Status,
            Body = answer.Body,
            Headers = answer.Headers ?? new Dictionary<string, string>(),
            ContentType = "application/json; charset=utf-8",
        };
    }

    [GeneratedRegex(@"^\s*(?:query|mutation)\s+(\w+)")]
    private static partial Regex OperationPattern();
}
