using Squad.Cli;
using Squad.Core;

namespace Squad.Server.Tests;

public sealed class SlackServeTests
{
    private static readonly ServeRequest Request = new()
    {
        Urls = "http://127.0.0.1:8080",
        AllowUsers = "U1, U2",
        AllowChannels = "C1",
        Runs = new MilestoneRunSettings { Request = new RunTargetRequest { Reference = "" } },
    };

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
        await stop.CancelAsync();

        Assert.Contains("\"status\":\"ok\"", health, StringComparison.Ordinal);
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
