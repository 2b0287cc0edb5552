namespace Squad.Server.Tests;

/// <summary>A private copy of the CLI tests' notes milestone and repository, and a data directory.</summary>
internal sealed class NotesMilestone : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-serve-" + Guid.NewGuid().ToString("N")[..12]);

    public NotesMilestone() => Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "notes"), root);

    public string Milestone => Path.Combine(root, "milestone");

    public string DataDirectory => Path.Combine(root, "data");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
