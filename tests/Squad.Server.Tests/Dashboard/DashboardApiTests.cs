using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Squad.Core.Domain;
using Squad.Server.Dashboard;

namespace Squad.Server.Tests.Dashboard;

public sealed class DashboardApiTests : IAsyncLifetime
{
    private const string Hostile = "<img src=x onerror=alert(1)></script><script>alert(2)</script>";
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-dashboard-" + Guid.NewGuid().ToString("N")[..12]);
    private DashboardHarness server = null!;

    public async Task InitializeAsync() => server = await DashboardHarness.StartAsync(root);

    public async Task DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task Page_Get_HasAStrictPolicyAndNeitherInlineCodeNorTheToken()
    {
        using var page = await server.Http.GetAsync("/");
        var html = await page.Content.ReadAsStringAsync();
        var script = await server.Http.GetStringAsync("/dashboard.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(DashboardHarness.Token, html + script, StringComparison.Ordinal);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HostileTitleAndIssueAddress_ComeBackEscapedAndUnlinked()
    {
        var runId = await server.StartLiveRunAsync(Hostile);

        var body = await server.Http.GetStringAsync($"/api/runs/{runId}");

        Assert.DoesNotContain("<", body, StringComparison.Ordinal);
        var squad = JsonDocument.Parse(body).RootElement.GetProperty("squads")[0];
        Assert.Equal(Hostile, squad.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, squad.GetProperty("issueUrl").ValueKind);
        var timeline = squad.GetProperty("timeline").EnumerateArray().ToList();
        Assert.Equal(["Intake", "Implementation"], timeline.Select(s => s.GetProperty("step").GetString()));
        Assert.True(timeline[^1].GetProperty("open").GetBoolean());
    }

    [Fact]
    public async Task Runs_UnknownRun_Is404WithOneLineSayingWhatToDo()
    {
        using var response = await server.Http.GetAsync("/api/runs/run-nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString();
        Assert.Equal("there is no run run-nope in this data directory: GET /api/runs lists the latest runs", error);
    }

    [Fact]
    public async Task Runs_Listed_NewestFirstWithTheKillSwitch()
    {
        await server.StartLiveRunAsync("first");
        var second = await server.StartLiveRunAsync("second");

        using var json = JsonDocument.Parse(await server.Http.GetStringAsync("/api/runs"));

        Assert.Equal(second, json.RootElement.GetProperty("runs")[0].GetProperty("id").GetString());
        Assert.Equal("running", json.RootElement.GetProperty("runs")[0].GetProperty("status").GetString());
        Assert.True(json.RootElement.GetProperty("killSwitch").GetProperty("available").GetBoolean());
    }

    [Fact]
    public async Task KillSwitch_TheOperatorsToken_StopsAndAllowsMerges()
    {
        using var engaged = await PressAsync(true, DashboardHarness.Token);
        Assert.Equal(HttpStatusCode.OK, engaged.StatusCode);
        Assert.True(File.Exists(server.KillSwitchFile));

        using var released = await PressAsync(false, DashboardHarness.Token);
        Assert.Equal(HttpStatusCode.OK, released.StatusCode);
        Assert.False(File.Exists(server.KillSwitchFile));
    }

    [Theory]
    [InlineData("not-the-token", null, "application/json", HttpStatusCode.Unauthorized)]
    [InlineData(null, null, "application/json", HttpStatusCode.Unauthorized)]
    [InlineData(DashboardHarness.Token, "https://evil.example", "application/json", HttpStatusCode.Forbidden)]
    [InlineData(DashboardHarness.Token, null, "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType)]
    [InlineData(DashboardHarness.Token, null, "text/plain", HttpStatusCode.UnsupportedMediaType)]
    public async Task KillSwitch_WrongTokenOtherSiteOrFormBody_IsRefusedAndChangesNothing(string? token, string? origin, string contentType, HttpStatusCode expected)
    {
        using var response = await PressAsync(true, token, origin, contentType);

        Assert.Equal(expected, response.StatusCode);
        Assert.False(File.Exists(server.KillSwitchFile));
    }

    [Fact]
    public async Task KillSwitch_CrossSiteFetch_IsRefusedEvenWithTheToken()
    {
        using var request = Press(true, DashboardHarness.Token);
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await server.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(File.Exists(server.KillSwitchFile));
    }

    [Fact]
    public async Task KillSwitch_NoTokenConfigured_IsOffForEveryone()
    {
        var other = Path.Combine(root, "untokened");
        await using var untokened = await DashboardHarness.StartAsync(other, token: null);
        using var request = Press(true, DashboardHarness.Token);

        using var response = await untokened.Http.SendAsync(request);
        using var runs = JsonDocument.Parse(await untokened.Http.GetStringAsync("/api/runs"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(File.Exists(untokened.KillSwitchFile));
        var killSwitch = runs.RootElement.GetProperty("killSwitch");
        Assert.False(killSwitch.GetProperty("available").GetBoolean());
        Assert.Contains("SQUAD_DASHBOARD_TOKEN", killSwitch.GetProperty("why").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KillSwitch_ReadOnlyRoutes_RefuseWrites()
    {
        using var response = await server.Http.PostAsync("/api/runs", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Report_HostileRun_EmbedsTheDataEscapedUnderAHashPolicy()
    {
        var runId = await server.StartLiveRunAsync(Hostile);
        await server.AppendAsync(runId, SquadStep.Review, "</script><script>alert(3)</script>");

        var html = await DashboardReport.RenderAsync(server.Store, server.Audit, server.KillSwitchFile, runId, TimeProvider.System);

        Assert.NotNull(html);
        var data = html.Split("id=\"squad-data\">")[1].Split("</script>")[0];
        Assert.DoesNotContain("<", data, StringComparison.Ordinal);
        Assert.Contains("\\u003Cscript\\u003Ealert(3)", data, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<script", StringSplitOptions.None).Length);
        Assert.Matches("script-src 'sha256-[A-Za-z0-9+/=]{44}'", html);
        Assert.Null(await DashboardReport.RenderAsync(server.Store, server.Audit, server.KillSwitchFile, "run-nope", TimeProvider.System));
    }

    private Task<HttpResponseMessage> PressAsync(bool engaged, string? token, string? origin = null, string contentType = "application/json")
    {
        var request = Press(engaged, token, contentType);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return server.Http.SendAsync(request);
    }

    private static HttpRequestMessage Press(bool engaged, string? token, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/kill-switch")
        {
            Content = new StringContent(engaged ? """{"engaged":true}""" : """{"engaged":false}""", Encoding.UTF8, new MediaTypeHeaderValue(contentType)),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
