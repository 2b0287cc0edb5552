using Squad.Core.Git;
using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary>A private copy of the notes milestone and repository, and a data directory, per test.</summary>
internal sealed class NotesFixture : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public NotesFixture()
    {
        TestDirectories.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "notes"), root);
    }

    public string Milestone => Path.Combine(root, "milestone");

    public string DataDirectory => Path.Combine(root, "data");

    /// <summary>The target repository the forge imports on the first run.</summary>
    public string Repository => Path.Combine(root, "repo");

    public string Script => Path.Combine(Milestone, "scripted-responses.yaml");

    public string BareRepository => Path.Combine(DataDirectory, "forge", "repos", "notes.git");

    public Task<CliResult> RunAsync(params string[] extra)
        => CliResult.RunAsync(["run", Milestone, "--data-dir", DataDirectory, "--json", .. extra]);

    public void WriteIssue(string name, string text) => File.WriteAllText(Path.Combine(Milestone, name), text);

    public void RemoveIssue(string name) => File.Delete(Path.Combine(Milestone, name));

    public async Task<string> GitAsync(params string[] args) => (await new GitCli().RunAsync(BareRepository, args)).Trim();

    public async Task<string> ShowOnMainAsync(string path) => await GitAsync("show", $"main:{path}");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
