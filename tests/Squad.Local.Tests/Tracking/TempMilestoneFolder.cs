namespace Squad.Local.Tests.Tracking;

/// <summary>A milestone folder in a fresh temporary directory, deleted at the end of the test.</summary>
internal sealed class TempMilestoneFolder : IDisposable
{
    public const string MilestoneYaml = "name: Calculator v1\nrepository: calculator\n";

    public TempMilestoneFolder(string? milestoneYaml = MilestoneYaml)
    {
        Root = Path.Combine(Path.GetTempPath(), "squad-tracker-" + Guid.NewGuid().ToString("N"));
        Folder = Path.Combine(Root, "milestone");
        Directory.CreateDirectory(Folder);
        if (milestoneYaml is not null)
        {
            Write("milestone.yml", milestoneYaml);
        }
    }

    /// <summary>The temporary directory holding the milestone folder (and any source folder).</summary>
    public string Root { get; }

    public string Folder { get; }

    public string PathOf(string name) => Path.Combine(Folder, name);

    public string Write(string name, string content)
    {
        var path = PathOf(name);
        File.WriteAllText(path, content);
        return path;
    }

    public string Read(string name) => File.ReadAllText(PathOf(name));

    public static string IssueFile(string identifier, string title, string extraYaml = "", string body = "Body text.\n") =>
        $"---\nidentifier: {identifier}\ntitle: {title}\n{extraYaml}---\n\n{body}";

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder must not fail the test that made it.
        }
    }
}
