using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Squad.GitHub.Tests.Fakes;

/// <summary>
/// GitHub's REST API on 127.0.0.1 for tests: the operations Squad uses, answering with the shapes of GitHub's
/// OpenAPI examples, backed by a real bare git repository (its path is the clone URL, so pushes work). It checks
/// bearer tokens, pages lists with <c>Link</c>, answers conditional reads with 304, records every request and
/// can be told to fail the next matching request (<see cref="Fail"/>).
/// </summary>
public sealed class FakeGitHub : IAsyncDisposable
{
    public const string Owner = "acme";
    public const string Repo = "checkout";
    public const string DefaultBranch = "main";

    private readonly Lock gate = new();
    private readonly List<RecordedRequest> requests = [];
    private readonly List<FakeFault> faults = [];
    private readonly Dictionary<string, string> tokens = new(StringComparer.Ordinal);
    private WebApplication? app;
    private long nextId = 1000;
    private int writesInFlight;
    private int maxConcurrentWrites;

    private FakeGitHub(FakeGitRepository repository, string directory)
    {
        Repository = repository;
        Directory = directory;
    }

    public FakeGitRepository Repository { get; }

    public string Directory { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public const string FullName = Owner + "/" + Repo;

    public List<FakePull> Pulls { get; } = [];

    public List<FakeReview> Reviews { get; } = [];

    public List<FakeComment> Comments { get; } = [];

    public List<FakeStatus> Statuses { get; } = [];

    /// <summary>What the base branch requires (rulesets, classic protection); lock <see cref="Gate"/> to change it mid-test.</summary>
    public FakeBranchRules BranchRules { get; } = new();

    public FakeQueueState MergeQueue { get; } = new();

    /// <summary>Runs inside <c>PUT /pulls/{n}/merge</c> before GitHub merges: a test moves the base here to open the race window.</summary>
    public Func<Task>? BeforeMerge { get; set; }

    /// <summary>The fake's clock for timestamps; fixed, so answers and their ETags repeat.</summary>
    public DateTimeOffset Now { get; set; } = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    public Lock Gate => gate;

    /// <summary>The most writes (anything but GET) that were in flight at once.</summary>
    public int MaxConcurrentWrites => Volatile.Read(ref maxConcurrentWrites);

    public static async Task<FakeGitHub> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "squad-fake-github-" + Guid.NewGuid().ToString("N")[..12]);
        var repository = await FakeGitRepository.CreateAsync(Path.Combine(directory, "checkout.git"), DefaultBranch);
        var fake = new FakeGitHub(repository, directory);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        fake.app = builder.Build();
        // GitHub Enterprise Server serves the API under /api/v3; the fake answers there and at the root.
        fake.app.UsePathBase("/api/v3");
        fake.app.Use(fake.InterceptAsync);
        FakeGitHubApi.Map(fake.app, fake);
        await fake.app.StartAsync();
        var address = fake.app.Services.GetService(typeof(IServer)) is IServer server
            ? server.Features.Get<IServerAddressesFeature>()!.Addresses.First()
            : throw new InvalidOperationException("no server");
        fake.BaseAddress = new Uri(address + "/");
        return fake;
    }

    /// <summary>Lets <paramref name="token"/> act as <paramref name="login"/>.</summary>
    public FakeGitHub AddToken(string token, string login)
    {
        lock (gate)
        {
            tokens[token] = login;
        }

        return this;
    }

    public FakeGitHub Fail(FakeFault fault)
    {
        lock (gate)
        {
            faults.Add(fault);
        }

        return this;
    }

    public long NextId()
    {
        lock (gate)
        {
            return ++nextId;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private async Task InterceptAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Method == "GET")
        {
            await AnswerAsync(context, next);
            return;
        }

        var inFlight = Interlocked.Increment(ref writesInFlight);
        lock (gate)
        {
            maxConcurrentWrites = Math.Max(maxConcurrentWrites, inFlight);
        }

        try
        {
            // Long enough that writes sent at once would overlap here.
            await Task.Delay(20);
            await AnswerAsync(context, next);
        }
        finally
        {
            Interlocked.Decrement(ref writesInFlight);
        }
    }

    private async Task AnswerAsync(HttpContext context, RequestDelegate next)
    {
        var recorded = await RecordAsync(context);
        FakeFault? fault;
        lock (gate)
        {
            fault = faults.FirstOrDefault(f => f.Method == context.Request.Method && context.Request.Path.Value!.EndsWith(f.PathSuffix, StringComparison.Ordinal));
            if (fault is not null)
            {
                faults.Remove(fault);
            }
        }

        if (recorded.Login.Length == 0)
        {
            await WriteAsync(context, 401, """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""");
        }
        else if (fault is not null)
        {
            foreach (var (name, value) in fault.Headers)
            {
                context.Response.Headers[name] = value;
            }

            await WriteAsync(context, fault.Status, fault.Body);
        }
        else
        {
            await AnswerWithETagAsync(context, next);
        }

        recorded.Status = context.Response.StatusCode;
    }

    private async Task<RecordedRequest> RecordAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var body = await reader.ReadToEndAsync();
        context.Items["body"] = body;
        var authorization = context.Request.Headers.Authorization.ToString();
        var recorded = new RecordedRequest
        {
            Method = context.Request.Method,
            Path = context.Request.Path.Value ?? "",
            PathBase = context.Request.PathBase.Value ?? "",
            Query = context.Request.QueryString.Value ?? "",
            Body = body,
            Headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            Login = LoginOf(authorization),
        };
        context.Items["login"] = recorded.Login;
        lock (gate)
        {
            requests.Add(recorded);
        }

        return recorded;
    }

    private string LoginOf(string authorization)
    {
        const string Bearer = "Bearer ";
        lock (gate)
        {
            return authorization.StartsWith(Bearer, StringComparison.Ordinal) && tokens.TryGetValue(authorization[Bearer.Length..], out var login) ? login : "";
        }
    }

    /// <summary>Reads get an ETag; a read whose <c>If-None-Match</c> still matches gets 304 and no body.</summary>
    private static async Task AnswerWithETagAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Method != "GET")
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new MemoryStream();
        context.Response.Body = buffer;
        await next(context);
        context.Response.Body = original;
        var etag = "\"" + Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))[..32] + "\"";
        if (context.Response.StatusCode == 200 && context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            // A 304 repeats only the validator: the client must remember the rest (the Link header, say).
            context.Response.StatusCode = 304;
            context.Response.ContentLength = 0;
            context.Response.Headers.Remove("Link");
            return;
        }

        if (context.Response.StatusCode == 200)
        {
            context.Response.Headers.ETag = etag;
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original);
    }

    internal static async Task WriteAsync(HttpContext context, int status, string json)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(json);
    }
}
