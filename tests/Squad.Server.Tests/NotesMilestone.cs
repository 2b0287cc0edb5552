using Squad.Testing;

namespace Squad.Server.Tests;

/// <summary>A private copy of the CLI tests' notes milestone and repository, and a data directory.</summary>
internal sealed class NotesMilestone : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-serve-" + Guid.NewGuid().ToString("N")[..12]);

    public NotesMilestone() => TestDirectories.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "notes"), root);

    public string Milestone => Path.Combine(root, "milestone");

    public string DataDirectory => Path.Combine(root, "data");

    /// <summary>The target repository the forge imports on the first run.</summary>
    public string Repository => Path.Combine(root, "repo");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
