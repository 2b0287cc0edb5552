using System.Text.Json;
using Microsoft.Playwright;
using Squad.Cli;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using static Microsoft.Playwright.Assertions;

namespace Squad.Server.Tests.Dashboard;

/// <summary>The dashboard in a real browser: Debian's chromium, driven by Playwright, against squad serve on loopback.</summary>
public sealed class DashboardBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>, IDisposable
{
    private const string HostileTitle = "<img src=x onerror=\"window.__xss=1\"><script>window.__xss=2</script>";
    private static readonly LocatorAssertionsToHaveTextOptions Patiently = new() { Timeout = 10_000 };
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-browser-" + Guid.NewGuid().ToString("N")[..12]);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [ChromiumFact]
    public async Task Page_FinishedRun_ShowsSquadsTimelineChartsAndLinksWithoutConsoleErrors()
    {
        var runId = await browser.FinishedRunAsync();
        await using var server = await DashboardHarness.StartAsync(browser.FinishedDataDirectory);
        await using var opened = await browser.OpenAsync();
        var page = opened.Page;

        var response = await page.GotoAsync(server.BaseAddress.ToString());

        Assert.Contains("default-src 'none'", (await response!.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        await Expect(page.Locator("#run h2")).ToContainTextAsync(runId, new() { Timeout = 10_000 });
        await Expect(page.Locator("#run .badge")).ToHaveTextAsync("completed");
        await Expect(page.Locator("tr[data-issue='NOTE-1'] .outcome")).ToHaveTextAsync("merged");
        await Expect(page.Locator("tr[data-issue='NOTE-2'] .outcome")).ToHaveTextAsync("refused");
        await Expect(page.Locator("tr[data-issue='NOTE-1'] .links")).ToContainTextAsync("PR #1");
        foreach (var step in new[] { "Intake", "QaTests", "Implementation", "PullRequest", "Review", "Merge" })
        {
            await Expect(page.Locator($"svg.timeline rect[data-issue='NOTE-1'][data-step='{step}']").First).ToBeVisibleAsync();
        }

        await Expect(page.Locator("figure[data-chart='Cost per role'] text")).ToContainTextAsync(["qa", "developer", "code-reviewer", "qa-specialist"]);
        await Expect(page.Locator("figure[data-chart='Tokens per issue'] text").First).ToHaveTextAsync("NOTE-1");
        await Expect(page.Locator("#run-list a").First).ToContainTextAsync("Notes v1");
        var audit = await page.Locator("tr[data-issue='NOTE-1'] .links a", new() { HasText = "audit" }).GetAttributeAsync("href");
        using var trail = JsonDocument.Parse(await server.Http.GetStringAsync(audit));
        Assert.Equal(6, trail.RootElement.GetProperty("modelCalls").GetArrayLength());
        Assert.Empty(opened.Errors);
    }

    [ChromiumFact]
    public async Task Page_LiveRun_ChangesWithoutReloadAndShowsHostileTextAsText()
    {
        await using var server = await DashboardHarness.StartAsync(root);
        var runId = await server.StartLiveRunAsync(HostileTitle);
        await using var opened = await browser.OpenAsync();
        var page = opened.Page;
        await page.GotoAsync(server.BaseAddress.ToString());
        await Expect(page.Locator("tr[data-issue='LIVE-1'] td.title")).ToHaveTextAsync(HostileTitle, Patiently);
        await Expect(page.Locator("#run .badge")).ToHaveTextAsync("running");
        await page.EvaluateAsync("() => { window.__samePage = true; }");

        await server.AppendAsync(runId, SquadStep.Review, "Code Reviewer: approve <b>bold</b>");
        await Expect(page.Locator("svg.timeline rect[data-issue='LIVE-1'][data-step='Review']")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(page.Locator("tr[data-issue='LIVE-1'] td.reason")).ToHaveTextAsync("Code Reviewer: approve <b>bold</b>", Patiently);
        var squad = (await server.Store.GetSquadAsync("live", "LIVE-1"))!;
        await server.Store.SaveSquadAsync(squad with { Outcome = SquadOutcome.Merged, Step = SquadStep.Done });
        await server.AppendAsync(runId, SquadStep.Done, "merged");
        await server.Store.CompleteRunAsync(runId, RunStatus.Completed);
        await Expect(page.Locator("#run .badge")).ToHaveTextAsync("completed", Patiently);
        await Expect(page.Locator("tr[data-issue='LIVE-1'] .outcome")).ToHaveTextAsync("merged");

        Assert.True(await page.EvaluateAsync<bool>("() => window.__samePage === true"));
        Assert.Null(await page.EvaluateAsync<int?>("() => window.__xss"));
        Assert.Equal(0, await page.Locator("#run img, #run b, #run script").CountAsync());
        Assert.Equal(0, await page.Locator("a[href^='javascript']").CountAsync());
        Assert.Empty(opened.Errors);
    }

    [ChromiumFact]
    public async Task Report_File_RendersOfflineAndAsksTheNetworkForNothing()
    {
        var runId = await browser.FinishedRunAsync();
        var file = Path.Combine(Directory.CreateDirectory(root).FullName, "report.html");
        using var output = new StringWriter();
        using var error = new StringWriter();
        Assert.Equal(0, await SquadCli.InvokeAsync(["report", runId, "--data-dir", browser.FinishedDataDirectory, "--output", file], output, error));
        await using var opened = await browser.OpenAsync(offline: true);
        var page = opened.Page;

        await page.GotoAsync(new Uri(file).AbsoluteUri);

        await Expect(page.Locator("#status")).ToContainTextAsync("Report of run " + runId);
        await Expect(page.Locator("tr[data-issue='NOTE-1'] .outcome")).ToHaveTextAsync("merged");
        await Expect(page.Locator("svg.timeline rect[data-issue='NOTE-1'][data-step='Review']").First).ToBeVisibleAsync();
        await Expect(page.Locator("figure[data-chart='Tokens per role'] text")).ToContainTextAsync(["qa", "developer", "code-reviewer", "qa-specialist"]);
        await Expect(page.Locator("#kill-button")).ToBeDisabledAsync();
        await Expect(page.Locator("#kill-why")).ToContainTextAsync("A report is a snapshot");
        Assert.All(opened.Requests, url => Assert.StartsWith("file:", url, StringComparison.Ordinal));
        Assert.Empty(opened.Errors);
    }

    [ChromiumFact]
    public async Task KillSwitch_Button_StopsMergesOnlyWithTheOperatorsToken()
    {
        await using var server = await DashboardHarness.StartAsync(root);
        await using var opened = await browser.OpenAsync();
        var page = opened.Page;
        await page.GotoAsync(server.BaseAddress.ToString());
        var button = page.Locator("#kill-button");
        await Expect(button).ToBeEnabledAsync(new() { Timeout = 10_000 });

        await button.ClickAsync();
        await Expect(page.Locator("#kill-why")).ToHaveTextAsync("Type the operator token first.");
        await page.Locator("#kill-token").FillAsync("a guess of the token");
        await button.ClickAsync();
        await Expect(page.Locator("#kill-why")).ToContainTextAsync("not the operator's token");
        Assert.False(File.Exists(server.KillSwitchFile));

        await page.Locator("#kill-token").FillAsync(DashboardHarness.Token);
        await button.ClickAsync();
        await Expect(page.Locator("#kill-state")).ToHaveTextAsync("Merges are stopped: the kill switch is engaged.");
        Assert.True(File.Exists(server.KillSwitchFile));
        await button.ClickAsync();
        await Expect(page.Locator("#kill-state")).ToHaveTextAsync("Merges are allowed.");
        Assert.False(File.Exists(server.KillSwitchFile));
        Assert.DoesNotContain(DashboardHarness.Token, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [ChromiumFact]
    public async Task KillSwitch_NoTokenConfigured_ButtonIsDisabledAndSaysWhy()
    {
        await using var server = await DashboardHarness.StartAsync(root, token: null);
        await using var opened = await browser.OpenAsync();
        var page = opened.Page;

        await page.GotoAsync(server.BaseAddress.ToString());

        await Expect(page.Locator("#kill-why")).ToContainTextAsync("SQUAD_DASHBOARD_TOKEN", new() { Timeout = 10_000 });
        await Expect(page.Locator("#kill-button")).ToBeDisabledAsync();
        await Expect(page.Locator("#kill-token")).ToBeDisabledAsync();
        Assert.Empty(opened.Errors);
    }
}
