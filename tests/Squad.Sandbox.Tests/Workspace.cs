using Squad.Core.Sandbox;

namespace Squad.Sandbox.Tests;

/// <summary>
/// A private temporary folder holding a work tree and its neighbours: a sibling tree and a data directory, which a
/// command in the work tree must neither see nor change.
/// </summary>
internal sealed class Workspace : IDisposable
{
    public Workspace()
    {
        Root = Path.Join(Path.GetTempPath(), $"squad-sandbox-{Guid.NewGuid():N}");
        WorkTree = Path.Join(Root, "work");
        Sibling = Path.Join(Root, "sibling");
        DataDirectory = Path.Join(Root, "data");
        Directory.CreateDirectory(WorkTree);
        Directory.CreateDirectory(Sibling);
        Directory.CreateDirectory(DataDirectory);
        File.WriteAllText(Path.Join(Sibling, "README"), "sibling");
        File.WriteAllText(Path.Join(DataDirectory, "squad.db"), "data");
    }

    public string Root { get; }

    public string WorkTree { get; }

    public string Sibling { get; }

    public string DataDirectory { get; }

    public SandboxCommand Command(string commandLine, TimeSpan? timeout = null, SandboxLimits? limits = null, bool network = false) => new()
    {
        CommandLine = commandLine,
        WorkingDirectory = WorkTree,
        Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["LANG"] = "C.UTF-8" },
        Timeout = timeout ?? TimeSpan.FromSeconds(60),
        Limits = limits ?? SandboxLimits.Default,
        Network = network,
    };

    /// <summary>A shell loop that appends to a file in the work tree every 100 ms, for as long as it lives.</summary>
    public static string Heartbeat(string file) => $"while :; do echo x >> {file}; sleep 0.1; done";

    public long SizeOf(string name)
    {
        var file = new FileInfo(Path.Join(WorkTree, name));
        return file.Exists ? file.Length : 0;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a test for.
        }
    }
}
