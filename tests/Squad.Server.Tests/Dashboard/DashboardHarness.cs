using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Server.Dashboard;
using Squad.Storage;

namespace Squad.Server.Tests.Dashboard;

/// <summary><c>squad serve</c> (Slack off) on a free loopback port with its dashboard over a real SQLite data directory.</summary>
internal sealed class DashboardHarness : IAsyncDisposable
{
    public const string Token = "dashboard-token-0123456789abcdef";

    private DashboardHarness(WebApplication app, string dataDirectory, SqliteRunStore store, SqliteAuditLog audit)
    {
        App = app;
        DataDirectory = dataDirectory;
        Store = store;
        Audit = audit;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public SqliteRunStore Store { get; }

    public SqliteAuditLog Audit { get; }

    public HttpClient Http { get; }

    public Uri BaseAddress => Http.BaseAddress!;

    public string KillSwitchFile => Path.Combine(DataDirectory, "STOP-MERGES");

    public static async Task<DashboardHarness> StartAsync(string dataDirectory, string? token = Token)
    {
        Directory.CreateDirectory(dataDirectory);
        var database = Path.Combine(dataDirectory, "squad.db");
        var store = new SqliteRunStore(database, TimeProvider.System);
        var audit = new SqliteAuditLog(database, TimeProvider.System);
        var dashboard = new DashboardOptions { Store = store, Audit = audit, KillSwitchFile = Path.Combine(dataDirectory, "STOP-MERGES"), Token = token };
        var options = new SlackServerOptions { Mode = SlackConnectionMode.Off, Urls = ["http://127.0.0.1:0"] };
        var app = SquadServer.Create(options, new FakeLauncher(), logging: l => l.ClearProviders(), dashboard: dashboard);
        await app.StartAsync();
        return new DashboardHarness(app, dataDirectory, store, audit);
    }

    /// <summary>A run still going, with one squad whose title and messages are hostile, as an agent or issue author could write them.</summary>
    public async Task<string> StartLiveRunAsync(string title, string issueUrl = "javascript:alert(1)")
    {
        var run = await Store.CreateRunAsync(new NewRun { MilestoneKey = "live", MilestoneName = "Live milestone", Repository = "notes", Model = "scripted" });
        await Store.SaveSquadAsync(new SquadRecord
        {
            MilestoneKey = "live",
            IssueIdentifier = "LIVE-1",
            RunId = run.Id,
            IssueTitle = title,
            IssueUrl = issueUrl,
            Step = SquadStep.Implementation,
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        await AppendAsync(run.Id, SquadStep.Intake, "checking acceptance criteria and size");
        await AppendAsync(run.Id, SquadStep.Implementation, title);
        return run.Id;
    }

    public Task AppendAsync(string runId, SquadStep step, string message)
        => Store.AppendEventAsync(new SquadEvent { RunId = runId, IssueIdentifier = "LIVE-1", Step = step, Message = message, At = DateTimeOffset.UtcNow });

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Store.Dispose();
        Audit.Dispose();
    }
}
