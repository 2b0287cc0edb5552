using Squad.Core.Git;
using Squad.Local.Forge;

namespace Squad.Cli.Tests;

/// <summary>
/// The notes milestone with NOTE-1 alone, whose squad branch already exists at the forge from an older main, and a main
/// that moved since (as when another squad merged first): the merge queue meets the conflict deterministically.
/// </summary>
internal sealed class QueueScenario : IDisposable
{
    public const string Branch = "squad/note-1-greeting-note";

    private readonly GitCli git = new();

    public QueueScenario()
    {
        Notes.RemoveIssue("NOTE-2.md");
    }

    public NotesFixture Notes { get; } = new();

    /// <summary>Imports the repository, makes NOTE-1's branch at today's main, then lands <paramref name="files"/> on main.</summary>
    public async Task<string> MoveMainAfterBranchingAsync(params (string Path, string Content)[] files)
    {
        await ImportAsync();
        await Notes.GitAsync("update-ref", "refs/heads/" + Branch, "refs/heads/main");
        return await LandOnMainAsync("Another squad's change lands", files);
    }

    public async Task ImportAsync()
    {
        using var forge = new LocalForge(Path.Combine(Notes.DataDirectory, "forge"), git, TimeProvider.System);
        await forge.ImportRepositoryAsync("notes", Notes.Repository);
    }

    public async Task<string> LandOnMainAsync(string message, params (string Path, string Content)[] files)
    {
        var clone = Path.Combine(Path.GetTempPath(), "squad-queue-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await git.RunAsync(Path.GetTempPath(), ["clone", "-q", Notes.BareRepository, clone]);
            foreach (var (path, content) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(clone, path))!);
                await File.WriteAllTextAsync(Path.Combine(clone, path), content);
            }

            await git.RunAsync(clone, ["add", "-A"]);
            await git.RunAsync(clone, ["-c", "user.name=Other Squad", "-c", "user.email=other@squad.local", "commit", "-q", "-m", message]);
            await git.RunAsync(clone, ["push", "-q", "origin", "HEAD:main"]);
            return await Notes.GitAsync("rev-parse", "main");
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    /// <summary>Appends passes to NOTE-1's roles in the script: the conflict round's Developer pass and both reviewers' second look.</summary>
    public void AddConflictRound(string path, string content)
    {
        var script = File.ReadAllText(Notes.Script);
        script = script.Replace("""
                    - text: "Adds src/greeting.txt saying hello."
            """, $$"""
                    - text: "Adds src/greeting.txt saying hello."
                  - - text: "Resolving the conflict with main."
                      calls:
                        - tool: write_file
                          args: { path: {{path}}, content: "{{content.Replace("\n", "\\n", StringComparison.Ordinal)}}" }
                        - tool: commit
                          args: { message: "NOTE-1: merge main and resolve the conflict" }
                    - text: "Resolved: both changes kept."
            """, StringComparison.Ordinal);
        script = script.Replace("""
                    - text: "Approved."
            """, """
                    - text: "Approved."
                  - - calls:
                        - tool: submit_review
                          args: { verdict: approve, body: "The resolution keeps both sides." }
                    - text: "Approved the new head."
            """, StringComparison.Ordinal);
        File.WriteAllText(Notes.Script, script);
    }

    public void Dispose() => Notes.Dispose();
}
