using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Squad.Core.Git;

namespace Squad.Cli.Tests.Adversarial;

/// <summary>Runs the hostile milestone once, with a canary secret in the orchestrator's environment and a loopback listener as bait.</summary>
public sealed class HostileSquadFixture : IAsyncLifetime, IDisposable
{
    private readonly NotesFixture notes = new();
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly string? savedToken = Environment.GetEnvironmentVariable("GITHUB_TOKEN");
    private int connections;

    public string Id { get; } = RandomNumberGenerator.GetHexString(8, lowercase: true);

    public string Canary { get; } = "canary" + RandomNumberGenerator.GetHexString(24, lowercase: true);

    /// <summary>
    /// The seconds the attack's background children sleep: about five minutes, with decimals of this run's own, so a
    /// <c>sleep 300</c> of anything else on the machine is not taken for one of them.
    /// </summary>
    public string Sleep { get; } = "300." + RandomNumberGenerator.GetInt32(100_000, 1_000_000).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal CliResult Run { get; private set; } = null!;

    internal CliResult Status { get; private set; } = null!;

    public int Connections => Volatile.Read(ref connections);

    public string DataDirectory => notes.DataDirectory;

    public string Root => Path.GetDirectoryName(notes.DataDirectory)!;

    /// <summary>A file in the host's $HOME: the sandbox must not see it (only the package cache under $HOME is mounted).</summary>
    public string HomeCanary => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "squad-home-canary-" + Id);

    public string HomeTarget => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "squad-pwned-" + Id);

    public async Task InitializeAsync()
    {
        listener.Start();
        File.WriteAllText(HomeCanary, "private\n");
        _ = AcceptAsync();
        Environment.SetEnvironmentVariable("GITHUB_TOKEN", Canary);
        File.WriteAllText(Path.Combine(notes.Repository, ".squad.yml"), HostileScript.Config);
        notes.WriteIssue("NOTE-1.md", HostileScript.Issue("NOTE-1", "Greeting note", "The greeting says hello"));
        notes.WriteIssue("NOTE-2.md", HostileScript.Issue("NOTE-2", "Farewell note", "The farewell says goodbye"));
        notes.WriteIssue("NOTE-3.md", HostileScript.Issue("NOTE-3", "Logo", "The notes have a logo"));
        File.WriteAllText(notes.Script, HostileScript.Script(new Dictionary<string, string>
        {
            ["DATA"] = notes.DataDirectory,
            ["ROOT"] = Root,
            ["HOME"] = Path.GetDirectoryName(HomeTarget)!,
            ["ID"] = Id,
            ["SLEEP"] = Sleep,
            ["PORT"] = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        try
        {
            Run = await notes.RunAsync();
            Status = await CliResult.RunAsync("status", "--data-dir", notes.DataDirectory, "--json");
        }
        finally
        {
            Environment.SetEnvironmentVariable("GITHUB_TOKEN", savedToken);
        }
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        listener.Dispose();
        notes.Dispose();
        File.Delete(HomeTarget);
        File.Delete(HomeCanary);
    }

    public Task<string> GitAsync(params string[] args) => notes.GitAsync(args);

    public async Task<string> ReportAsync(string name) => (await notes.ShowOnMainAsync($"attack-report/{name}.txt")).Trim();

    public static async Task<string> ShowAsync(string repository, string spec) => (await new GitCli().RunAsync(repository, ["show", spec])).Trim();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using var client = await listener.AcceptTcpClientAsync();
                Interlocked.Increment(ref connections);
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }
}
