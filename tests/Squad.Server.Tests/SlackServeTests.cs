using Microsoft.Extensions.Logging;
using Squad.Cli;
using Squad.Core;

namespace Squad.Server.Tests;

public sealed class SlackServeTests : IDisposable
{
    private static readonly ServeRequest Request = new()
    {
        Urls = "http://127.0.0.1:8080",
        AllowUsers = "U1, U2",
        AllowChannels = "C1",
        Runs = new MilestoneRunSettings { Sandbox = Squad.Testing.TestSandbox.Create(), Request = new RunTargetRequest { Reference = "" } },
    };

    private readonly DirectoryInfo dataDirectory = Directory.CreateTempSubdirectory("squad-serve-config-");

    public void Dispose() => dataDirectory.Delete(recursive: true);

    [Fact]
    public void ReadOptions_NoSigningSecret_FailsWithOneLineNamingTheVariable()
    {
        var error = Assert.Throws<SquadException>(() => SlackServe.ReadOptions(Request, _ => null));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith("SLACK_SIGNING_SECRET is not set", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ReadOptions_FullEnvironment_ReadsSecretsAllowListsAndApiUrl()
    {
        var environment = new Dictionary<string, string>
        {
            ["SLACK_SIGNING_SECRET"] = "secret-123456",
            ["SLACK_BOT_TOKEN"] = "xoxb-token",
            ["SLACK_API_URL"] = "http://127.0.0.1:9999/api",
        };

        var options = SlackServe.ReadOptions(Request, name => environment.GetValueOrDefault(name));

        Assert.Equal("secret-123456", options.SigningSecret);
        Assert.Equal("xoxb-token", options.BotToken);
        Assert.Equal(new Uri("http://127.0.0.1:9999/api/"), options.ApiBaseUrl);
        Assert.Equal(["U1", "U2"], options.AllowedUsers.Order());
        Assert.Equal(["C1"], options.AllowedChannels);
        Assert.Equal(["http://127.0.0.1:8080"], options.Urls);
    }

    [Fact]
    public void ReadOptions_MalformedUrls_FailsNamingTheOption()
    {
        var error = Assert.Throws<SquadException>(() => SlackServe.ReadOptions(Request with { Urls = "not a url" }, name => name == "SLACK_SIGNING_SECRET" ? "secret-123456" : null));

        Assert.StartsWith("--urls 'not a url'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SigningSecretSet_ServesHealthzUntilCancelledThenReturnsZero()
    {
        using var notes = new NotesMilestone();
        using var stop = new CancellationTokenSource();
        using var error = new StringWriter();
        var output = TextWriter.Synchronized(error);
        string Printed()
        {
            lock (output)
            {
                return error.ToString();
            }
        }

        var request = Request with { Urls = "http://127.0.0.1:0", Runs = Request.Runs with { DataDirectory = notes.DataDirectory } };
        var serving = SlackServe.RunAsync(request, name => name == "SLACK_SIGNING_SECRET" ? "secret-123456" : null, output, stop.Token);
        await RunLifecycleTests.WaitUntilAsync(() => Printed().Contains("listening on ", StringComparison.Ordinal) || serving.IsCompleted);
        var address = Printed().Split("listening on ")[1].Split(' ')[0];
        using var http = new HttpClient();

        var health = await http.GetStringAsync(new Uri(new Uri(address), "healthz"));
        var dashboard = await http.GetStringAsync(new Uri(address));
        var runs = await http.GetStringAsync(new Uri(new Uri(address), "api/runs"));
        using var webhook = await http.PostAsync(new Uri(new Uri(address), "github/webhook"), new StringContent("{}"));
        await stop.CancelAsync();

        Assert.Contains("\"status\":\"ok\"", health, StringComparison.Ordinal);
        Assert.Contains("<title>Squad dashboard</title>", dashboard, StringComparison.Ordinal);
        Assert.Contains("\"runs\":[]", runs, StringComparison.Ordinal);
        Assert.Contains("dashboard on GET /; its kill switch button is off (set SQUAD_DASHBOARD_TOKEN to use it)", Printed(), StringComparison.Ordinal);
        Assert.Contains("squad serve: POST /github/webhook is off: set GITHUB_WEBHOOK_SECRET to the secret of the repository's webhook to turn it on", Printed(), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, webhook.StatusCode);
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void ComposeWebhook_ShortSecret_FailsWithOneLineSayingWhatToUse()
    {
        using var deliveries = new Squad.Storage.SqliteWebhookDeliveries(Path.Combine(dataDirectory.FullName, "squad.db"), TimeProvider.System);

        var error = Assert.Throws<SquadException>(() => GitHubWebhookServe.Compose(Request.Runs, [], cluster: false, name => name == "GITHUB_WEBHOOK_SECRET" ? "hunter2" : null, deliveries));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith("GITHUB_WEBHOOK_SECRET is shorter than 16 characters", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public async Task RunAsync_DollarBudgetForAnUnpricedModel_StopsAtStartWithOneLineBeforeListening()
    {
        using var error = new StringWriter();
        var runs = Request.Runs with
        {
            DataDirectory = dataDirectory.FullName,
            Model = "openai:gpt-unpriced-9",
            Budgets = new Core.Audit.Budgets { IssueUsd = 1m },
        };

        var failure = await Assert.ThrowsAsync<SquadException>(() => SlackServe.RunAsync(
            Request with { Urls = "http://127.0.0.1:0", Runs = runs }, name => name == "SLACK_SIGNING_SECRET" ? "secret-123456" : null, error));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, failure.Code);
        Assert.Contains("no price for model 'openai:gpt-unpriced-9'", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("listening on", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOptions_SocketModeWithoutAppToken_FailsWithOneLineNamingTheVariableAndWhereToGetIt()
    {
        var error = Assert.Throws<SquadException>(() => SlackServe.ReadOptions(InDataDirectory(slackMode: "socket"), _ => null));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith("SLACK_APP_TOKEN is not set", error.Message, StringComparison.Ordinal);
        Assert.Contains("Basic Information > App-Level Tokens", error.Message, StringComparison.Ordinal);
        Assert.Contains("connections:write", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void ReadOptions_SocketModeWithAppToken_NeedsNoSigningSecret()
    {
        var options = SlackServe.ReadOptions(InDataDirectory(slackMode: "socket"), name => name == "SLACK_APP_TOKEN" ? " xapp-1-A1-2-abcdef " : null);

        Assert.Equal(SlackConnectionMode.Socket, options.Mode);
        Assert.Equal("xapp-1-A1-2-abcdef", options.AppToken);
        Assert.Null(options.SigningSecret);
    }

    [Theory]
    [InlineData("xoxb-1111-2222-bot", "SLACK_APP_TOKEN holds a bot token (xoxb-...)")]
    [InlineData("not-a-token", "SLACK_APP_TOKEN holds not an app-level token")]
    public void ReadOptions_SocketModeWithAnotherKindOfToken_IsRefusedSayingWhichTokenItNeeds(string token, string start)
    {
        var error = Assert.Throws<SquadException>(() => SlackServe.ReadOptions(InDataDirectory(slackMode: "socket"), name => name == "SLACK_APP_TOKEN" ? token : null));

        Assert.StartsWith(start, error.Message, StringComparison.Ordinal);
        Assert.Contains("app-level token (xapp-...)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadOptions_HttpModeByDefault_IgnoresTheAppToken()
    {
        var options = SlackServe.ReadOptions(InDataDirectory(), name => name switch
        {
            "SLACK_SIGNING_SECRET" => "secret-123456",
            "SLACK_APP_TOKEN" => "xapp-1-A1-2-abcdef",
            _ => null,
        });

        Assert.Equal(SlackConnectionMode.Http, options.Mode);
        Assert.Null(options.AppToken);
    }

    [Fact]
    public void ReadOptions_SquadYmlSlackModeSocket_SelectsSocketMode()
    {
        WriteSquadYml("repositories:\n  ENG: acme/shop\nslack:\n  mode: socket\n");

        var options = SlackServe.ReadOptions(InDataDirectory(), name => name == "SLACK_APP_TOKEN" ? "xapp-1-A1-2-abcdef" : null);

        Assert.Equal(SlackConnectionMode.Socket, options.Mode);
    }

    [Theory]
    [InlineData("http", "socket", SlackConnectionMode.Http)]
    [InlineData("SOCKET", "http", SlackConnectionMode.Socket)]
    public void ReadOptions_SlackModeFlag_WinsOverSquadYml(string flag, string file, SlackConnectionMode expected)
    {
        WriteSquadYml($"slack:\n  mode: {file}\n");

        var options = SlackServe.ReadOptions(InDataDirectory(slackMode: flag), name => name switch
        {
            "SLACK_SIGNING_SECRET" => "secret-123456",
            "SLACK_APP_TOKEN" => "xapp-1-A1-2-abcdef",
            _ => null,
        });

        Assert.Equal(expected, options.Mode);
    }

    [Fact]
    public void ReadOptions_SlackOffWithSweeps_NeedsNoSlackSecretAndKeepsTheSweeps()
    {
        WriteSquadYml("slack:\n  mode: off\nsweeps:\n  - name: nightly\n    cron: \"0 2 * * *\"\n    milestones: [milestone]\n");

        var options = SlackServe.ReadOptions(InDataDirectory(), _ => null);

        Assert.Equal(SlackConnectionMode.Off, options.Mode);
        Assert.Null(options.SigningSecret);
        Assert.Equal("nightly", Assert.Single(options.Sweeps).Name);
    }

    [Fact]
    public void ReadOptions_SlackOffWithoutSweeps_FailsSayingThereIsNothingToDo()
    {
        var error = Assert.Throws<SquadException>(() => SlackServe.ReadOptions(InDataDirectory(slackMode: "off"), _ => null));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith("with --slack-mode off and no sweeps in squad.yml", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SlackOff_ServesHealthzButNoSlashCommands()
    {
        var options = new SlackServerOptions { Mode = SlackConnectionMode.Off, Urls = ["http://127.0.0.1:0"] };
        await using var app = SquadServer.Create(options, new FakeLauncher(), logging: l => l.ClearProviders());
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };

        using var health = await http.GetAsync(new Uri("healthz", UriKind.Relative));
        using var command = await http.PostAsync(new Uri("slack/commands", UriKind.Relative), new StringContent("text=help"));

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, command.StatusCode);
        await app.StopAsync();
    }

    [Fact]
    public void ReadOptions_UnknownSlackModeFlag_FailsNamingTheFlag()
    {
        var error = Assert.Throws<SquadException>(() => SlackServe.ReadOptions(InDataDirectory(slackMode: "websocket"), _ => null));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Equal("--slack-mode 'websocket' is not a mode: use http, socket or off", error.Message);
    }

    [Theory]
    [InlineData("slack:\n  mode: carrier-pigeon\n", "slack.mode must be http, socket or off, not 'carrier-pigeon'")]
    [InlineData("slack: socket\n", "slack must be a mapping")]
    public void ReadOptions_MalformedSlackMappingInSquadYml_FailsNamingTheFile(string yaml, string problem)
    {
        WriteSquadYml(yaml);

        var error = Assert.Throws<SquadException>(() => SlackServe.ReadOptions(InDataDirectory(), _ => null));

        Assert.Equal(SquadErrorCode.InvalidConfiguration, error.Code);
        Assert.StartsWith(Path.Combine(dataDirectory.FullName, "squad.yml") + ": " + problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_SocketMode_ConnectsToSlackAndAcknowledgesCommandsUntilCancelled()
    {
        await using var slack = await FakeSocketModeSlack.StartAsync();
        using var stop = new CancellationTokenSource();
        using var error = new StringWriter();
        var output = TextWriter.Synchronized(error);
        var environment = new Dictionary<string, string>
        {
            ["SLACK_APP_TOKEN"] = FakeSocketModeSlack.AppToken,
            ["SLACK_API_URL"] = slack.ApiUrl.ToString(),
        };

        var request = InDataDirectory(slackMode: "socket") with { Urls = "http://127.0.0.1:0", AllowUsers = SlackHarness.AllowedUser, AllowChannels = null };
        var serving = SlackServe.RunAsync(request, name => environment.GetValueOrDefault(name), output, stop.Token);
        var connection = await slack.NextConnectionAsync();
        var ack = await SocketModeHarness.SendAsync(connection, SocketModeEnvelopes.SlashCommand("env-1", "status"));
        await stop.CancelAsync();

        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("No runs started here yet: `/squad run <milestone URL or folder>` starts one.", SocketModeHarness.ReplyText(ack));
        Assert.Contains("(GET /healthz; slash commands over Slack Socket Mode)", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.NormalClosure, await connection.Closed.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private ServeRequest InDataDirectory(string? slackMode = null)
        => Request with { SlackMode = slackMode, Runs = Request.Runs with { DataDirectory = dataDirectory.FullName } };

    private void WriteSquadYml(string yaml) => File.WriteAllText(Path.Combine(dataDirectory.FullName, "squad.yml"), yaml);
}
