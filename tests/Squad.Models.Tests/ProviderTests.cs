using System.Text.Json;
using Squad.Core.Agents;
using Squad.Testing;

namespace Squad.Models.Tests;

/// <summary>
/// A provider, built as a run builds it, against a loopback server speaking its wire format: the server, a manual
/// clock, and an agent pass over a work tree holding <c>notes.txt</c> ("alpha").
/// </summary>
public abstract class ProviderTests : IAsyncLifetime, IDisposable
{
    protected ProviderTests() => Pass.Write("notes.txt", "alpha");

    protected LoopbackServer Server { get; } = LoopbackServer.Start();

    protected ManualTimeProvider Clock { get; } = new();

    protected AgentPass Pass { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public void Dispose()
    {
        Pass.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>One agent pass with a reader role on this provider.</summary>
    protected abstract Task<AgentResult> RunAsync(int maxTurns = 5);

    protected static JsonElement Body(LoopbackRequest request) => JsonDocument.Parse(request.Body).RootElement;
}
