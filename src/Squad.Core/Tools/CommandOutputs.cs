using System.Globalization;

namespace Squad.Core.Tools;

/// <summary>
/// The whole output of the long commands of one pass, kept where the agent can page through it with <c>read_file</c>
/// (<c>.squad/output/N.txt</c>) but outside every tree: nothing a command writes or a commit stages can reach it, a
/// reviewer's reading tree stays as it was, and it is removed when the pass ends. The text is redacted before it is kept.
/// </summary>
public sealed class CommandOutputs : IDisposable
{
    /// <summary>The path prefix under which <c>read_file</c> finds kept outputs.</summary>
    public const string Prefix = ".squad/output/";

    private readonly Lock gate = new();
    private string? folder;
    private int count;

    /// <summary>The folder holding the kept outputs; null until the first is kept.</summary>
    public string? Folder => folder;

    /// <summary>Keeps <paramref name="text"/> and answers the path the agent reads it at.</summary>
    public string Keep(string text)
    {
        lock (gate)
        {
            folder ??= Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "squad-output-" + Guid.NewGuid().ToString("N"))).FullName;
            count++;
            var name = count.ToString(CultureInfo.InvariantCulture) + ".txt";
            SafeFiles.Write(folder, name, FileText.Encode(text));
            return Prefix + name;
        }
    }

    /// <summary>The name within <see cref="Folder"/> when <paramref name="relativePath"/> names a kept output; else null.</summary>
    public static string? NameOf(string relativePath)
    {
        var path = relativePath.Replace('\\', '/');
        while (path.StartsWith("./", StringComparison.Ordinal))
        {
            path = path[2..];
        }

        return path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : null;
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (folder is not null && Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            folder = null;
        }
    }
}
