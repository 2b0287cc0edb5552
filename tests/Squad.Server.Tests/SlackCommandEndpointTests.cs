using System.Net;
using System.Text.Json;

namespace Squad.Server.Tests;

public sealed class SlackCommandEndpointTests
{
    [Fact]
    public async Task Post_SlackPublishedExampleAtItsTime_IsAcceptedWithUsage()
    {
        await using var slack = await SlackHarness.StartAsync(new FakeLauncher(), SlackSignatureVerifierTests.VectorClock());

        using var response = await slack.PostAsync(SlackSignatureVerifierTests.VectorBody, SlackSignatureVerifierTests.VectorTimestamp, SlackSignatureVerifierTests.VectorSignature);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no command given", await SlackHarness.ReplyTextAsync(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_ChangedBody_Returns401AndStartsNothing()
    {
        var launcher = new FakeLauncher();
        await using var slack = await SlackHarness.StartAsync(launcher, SlackSignatureVerifierTests.VectorClock());

        using var response = await slack.PostAsync(
            SlackSignatureVerifierTests.VectorBody.Replace("text=&", "text=run%20x&", StringComparison.Ordinal),
            SlackSignatureVerifierTests.VectorTimestamp, SlackSignatureVerifierTests.VectorSignature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(launcher.Started);
    }

    [Fact]
    public async Task Post_ChangedSignature_Returns401()
    {
        await using var slack = await SlackHarness.StartAsync(new FakeLauncher(), SlackSignatureVerifierTests.VectorClock());

        using var response = await slack.PostAsync(
            SlackSignatureVerifierTests.VectorBody, SlackSignatureVerifierTests.VectorTimestamp, SlackSignatureVerifierTests.VectorSignature[..^1] + "4");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_Timestamp301SecondsOld_Returns401()
    {
        await using var slack = await SlackHarness.StartAsync(new FakeLauncher(), SlackSignatureVerifierTests.VectorClock(secondsLater: 301));

        using var response = await slack.PostAsync(SlackSignatureVerifierTests.VectorBody, SlackSignatureVerifierTests.VectorTimestamp, SlackSignatureVerifierTests.VectorSignature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_ReplayOrRetryOfAHandledRun_StartsNothingNew()
    {
        var launcher = new FakeLauncher();
        await using var slack = await SlackHarness.StartAsync(launcher);
        var body = SlackHarness.Form("run ./milestone");
        var timestamp = slack.Time.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var first = await slack.PostAsync(body, timestamp);
        await launcher.Running.Task.WaitAsync(TimeSpan.FromSeconds(10));

        slack.Time.Advance(TimeSpan.FromMinutes(4));
        using var replay = await slack.PostAsync(body, timestamp);
        using var retry = await slack.PostAsync(SlackHarness.Form("run ./other"), retry: 1);

        Assert.Contains("Started run r1", await SlackHarness.ReplyTextAsync(first), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal("", await SlackHarness.ReplyTextAsync(replay));
        Assert.Equal("", await SlackHarness.ReplyTextAsync(retry));
        Assert.Single(slack.Service<RunRegistry>().All);
        Assert.Equal(["./milestone"], launcher.Started);
    }

    [Theory]
    [InlineData("run ./milestone")]
    [InlineData("stop r1")]
    [InlineData("status")]
    [InlineData("fix ENG-1")]
    public async Task Post_UserNotOnAllowList_GetsPoliteRefusalAndNothingStarts(string text)
    {
        var launcher = new FakeLauncher();
        await using var slack = await SlackHarness.StartAsync(launcher);

        using var response = await slack.CommandAsync(text, user: "U0STRANGER");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var reply = await SlackHarness.ReplyTextAsync(response);
        Assert.StartsWith("Sorry, you are not on this Squad's allow-list", reply, StringComparison.Ordinal);
        Assert.Contains("U0STRANGER", reply, StringComparison.Ordinal);
        Assert.Empty(slack.Service<RunRegistry>().All);
        Assert.Empty(launcher.Started);
    }

    [Fact]
    public async Task Post_AllowedUserInAnotherChannel_IsRefusedWhenChannelsAreListed()
    {
        await using var slack = await SlackHarness.StartAsync(
            new FakeLauncher(), configure: o => o with { AllowedChannels = new HashSet<string>(["C0OPS"], StringComparer.Ordinal) });

        using var response = await slack.CommandAsync("run ./milestone");

        Assert.StartsWith("Sorry, Squad does not take work from this channel", await SlackHarness.ReplyTextAsync(response), StringComparison.Ordinal);
        Assert.Empty(slack.Service<RunRegistry>().All);
    }

    [Theory]
    [InlineData("deploy prod", "unknown command 'deploy'")]
    [InlineData("run", "'run' takes exactly one argument")]
    public async Task Post_UnknownOrMalformedCommand_GetsEphemeralUsage(string text, string problem)
    {
        await using var slack = await SlackHarness.StartAsync(new FakeLauncher());

        using var response = await slack.CommandAsync(text, user: "U0STRANGER");

        var reply = await SlackHarness.ReplyTextAsync(response);
        Assert.Contains(problem, reply, StringComparison.Ordinal);
        Assert.Contains("/squad run <milestone URL or folder>", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_Fix_QueuesABugFixOfTheIssue()
    {
        var launcher = new FakeLauncher();
        await using var slack = await SlackHarness.StartAsync(launcher);

        using var response = await slack.CommandAsync("fix ENG-123");
        await slack.Service<RunRegistry>().Find("r1")!.Settled.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.StartsWith("Started bug fix r1 for ENG-123", await SlackHarness.ReplyTextAsync(response), StringComparison.Ordinal);
        Assert.Equal(["fix ENG-123"], launcher.Started);
    }

    [Fact]
    public async Task Post_FixFromAUserNotOnTheAllowList_IsRefusedPolitelyAndStartsNothing()
    {
        var launcher = new FakeLauncher();
        await using var slack = await SlackHarness.StartAsync(launcher);

        using var response = await slack.CommandAsync("fix ENG-123", user: "U0STRANGER");

        Assert.StartsWith("Sorry, you are not on this Squad's allow-list", await SlackHarness.ReplyTextAsync(response), StringComparison.Ordinal);
        Assert.Null(slack.Service<RunRegistry>().Find("r1"));
        Assert.Empty(launcher.Started);
    }

    [Fact]
    public async Task GetHealthz_Running_ReturnsOkWithVersion()
    {
        await using var slack = await SlackHarness.StartAsync(new FakeLauncher());

        using var json = JsonDocument.Parse(await slack.Http.GetStringAsync("healthz"));

        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.False(string.IsNullOrEmpty(json.RootElement.GetProperty("version").GetString()));
    }

    [Fact]
    public async Task GetSlackCommands_SslCheck_Returns200()
    {
        await using var slack = await SlackHarness.StartAsync(new FakeLauncher());

        using var response = await slack.Http.GetAsync("slack/commands?ssl_check=1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
