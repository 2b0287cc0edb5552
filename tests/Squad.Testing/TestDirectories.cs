namespace Squad.Testing;

/// <summary>Folder helpers for tests that work on private copies of fixtures.</summary>
public static class TestDirectories
{
    /// <summary>Copies <paramref name="from"/> into <paramref name="to"/>, recursively, hidden files included.</summary>
    public static void Copy(string from, string to)
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
