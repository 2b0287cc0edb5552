using Squad.Core.Git;

namespace Squad.Cli.Tests;

/// <summary>Runs <c>squad demo --json</c> twice on one data directory, once for all demo tests (it takes minutes).</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-demo-" + Guid.NewGuid().ToString("N")[..12]);

    internal string DataDirectory => Path.Combine(root, "data");

    internal string BareRepository => Path.Combine(DataDirectory, "forge", "repos", "checkout.git");

    internal CliResult First { get; private set; } = null!;

    internal CliResult Second { get; private set; } = null!;

    internal string RefsAfterFirst { get; private set; } = "";

    internal string CommentsAfterFirst { get; private set; } = "";

    public async Task InitializeAsync()
    {
        First = await CliResult.RunAsync("demo", "--data-dir", DataDirectory, "--json");
        RefsAfterFirst = await GitAsync("for-each-ref");
        CommentsAfterFirst = TrackerComments();
        Second = await CliResult.RunAsync("demo", "--data-dir", DataDirectory, "--json");
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        return Task.CompletedTask;
    }

    internal async Task<string> GitAsync(params string[] args) => (await new GitCli().RunAsync(BareRepository, args)).Trim();

    internal string TrackerComments()
    {
        var milestone = Path.Combine(DataDirectory, "demo", "checkout", "milestone");
        return string.Join("\n", Directory.EnumerateFiles(milestone, "*.md").Order().Select(File.ReadAllText));
    }
}
