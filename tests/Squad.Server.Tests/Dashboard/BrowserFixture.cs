using Microsoft.Playwright;
using Squad.Cli;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Testing;

namespace Squad.Server.Tests.Dashboard;

/// <summary>
/// One Debian chromium for the browser tests (Playwright drives it; Playwright's own browsers are never downloaded), and
/// one finished run of the notes milestone on the scripted model, made once and shared.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime, IDisposable
{
    private static readonly string[] ChromiumArguments =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly NotesMilestone notes = new();
    private readonly SemaphoreSlim finishing = new(1, 1);
    private IPlaywright? playwright;
    private IBrowser? browser;
    private string? finishedRunId;

    public IBrowser Browser => browser ?? throw new InvalidOperationException($"{ChromiumFactAttribute.ChromiumPath} is not installed");

    /// <summary>The notes milestone's data directory after <see cref="FinishedRunAsync"/>.</summary>
    internal string FinishedDataDirectory => notes.DataDirectory;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumFactAttribute.ChromiumPath))
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath,
            Headless = true,
            Args = ChromiumArguments,
        });
    }

    /// <summary>Runs the notes milestone once (NOTE-1 merges after a review round, NOTE-2 is refused) and gives its run id.</summary>
    internal async Task<string> FinishedRunAsync()
    {
        await finishing.WaitAsync();
        try
        {
            if (finishedRunId is null)
            {
                var launcher = new CliMilestoneLauncher(new MilestoneRunSettings
                {
                    Sandbox = TestSandbox.Create(),
                    Request = new RunTargetRequest { Reference = "" },
                    DataDirectory = notes.DataDirectory,
                    Model = "scripted",
                });
                finishedRunId = (await launcher.RunAsync(notes.Milestone, new SilentProgress())).RunId;
            }

            return finishedRunId;
        }
        finally
        {
            finishing.Release();
        }
    }

    /// <summary>A fresh page in its own context, with every console error and uncaught exception collected.</summary>
    internal async Task<BrowserPage> OpenAsync(bool offline = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { Offline = offline, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var opened = new BrowserPage(context, page);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                opened.Errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => opened.Errors.Add(error);
        page.Request += (_, request) => opened.Requests.Add(request.Url);
        return opened;
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }

    public void Dispose()
    {
        finishing.Dispose();
        notes.Dispose();
    }

    private sealed class SilentProgress : ISquadProgress
    {
        public void Report(string issueIdentifier, SquadStep squadStep, string message)
        {
        }
    }
}
