namespace Squad.Models.Tests.Scripted;

/// <summary>A script file in a folder of its own under the temp directory, removed on dispose.</summary>
internal sealed class TempScript : IDisposable
{
    private readonly string _folder;

    public TempScript(string yaml, string fileName = "scripted-responses.yaml")
    {
        _folder = Path.Combine(Path.GetTempPath(), "squad-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        FilePath = Path.Combine(_folder, fileName);
        File.WriteAllText(FilePath, yaml);
    }

    public string FilePath { get; }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
