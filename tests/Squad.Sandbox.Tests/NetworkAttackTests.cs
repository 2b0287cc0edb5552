using System.Net;
using System.Net.Sockets;
using Squad.Core.Sandbox;
using Squad.Testing;

namespace Squad.Sandbox.Tests;

public sealed class NetworkAttackTests : IDisposable
{
    private readonly Workspace _workspace = new();

    [BubblewrapFact]
    public async Task HostLoopbackListener_ReceivesNothing_WithoutNetwork()
    {
        var sandbox = TestSandbox.Bubblewrap();

        var (result, received) = await ConnectAsync(sandbox, network: false);

        Assert.Contains("end", result.Output, StringComparison.Ordinal);
        Assert.False(received, "the host's loopback listener got a connection from inside the sandbox");
        await SandboxAssert.StillWorksAsync(sandbox, _workspace);
    }

    [BubblewrapFact]
    public async Task HostLoopbackListener_ReceivesTheConnection_WithNetwork()
    {
        var sandbox = TestSandbox.Bubblewrap();

        var (result, received) = await ConnectAsync(sandbox, network: true);

        Assert.True(received, result.Output);
    }

    private async Task<(SandboxResult Result, bool Received)> ConnectAsync(BubblewrapSandbox sandbox, bool network)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var accepted = listener.AcceptTcpClientAsync();

        var result = await sandbox.RunAsync(_workspace.Command(
            $"bash -c 'echo hello > /dev/tcp/127.0.0.1/{port}' 2>&1; echo end", timeout: TimeSpan.FromSeconds(20), network: network));

        var received = await Task.WhenAny(accepted, Task.Delay(TimeSpan.FromSeconds(1))) == accepted;
        if (received)
        {
            (await accepted).Dispose();
        }

        listener.Stop();
        return (result, received);
    }

    public void Dispose() => _workspace.Dispose();
}
