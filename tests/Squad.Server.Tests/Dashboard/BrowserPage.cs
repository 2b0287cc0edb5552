using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Squad.Server.Tests.Dashboard;

/// <summary>A page of the browser tests, with what it logged as errors and every address it asked for.</summary>
internal sealed class BrowserPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page { get; } = page;

    public ConcurrentBag<string> Errors { get; } = [];

    public ConcurrentBag<string> Requests { get; } = [];

    public ValueTask DisposeAsync() => context.DisposeAsync();
}
