using System.Runtime.Versioning;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

/// <summary>
/// A hostile command swapping a folder or file of the tree with a symbolic link out of it while the tools work: whatever
/// the timing, the canary outside is never read and never written.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class FileToolRaceTests : IDisposable
{
    private const string Canary = "canary outside the tree";
    private static readonly TimeSpan RaceLength = TimeSpan.FromSeconds(1.5);

    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();
    private readonly string canary;

    public FileToolRaceTests()
    {
        canary = workspace.WriteOutside("file.txt", Canary);
    }

    public void Dispose() => workspace.Dispose();

    [LinuxFact]
    public async Task ReadAndWriteFile_FolderSwappedWithSymlinkOut_NeverReadOrWriteTheCanary()
    {
        workspace.Write("d/file.txt", "inside");
        Directory.CreateSymbolicLink(workspace.PathOf("d-link"), workspace.Outside);

        var (results, swaps) = await RaceAsync(workspace.PathOf("d"), workspace.PathOf("d-link"), "d/file.txt");

        AssertCanaryUntouched(results, swaps);
    }

    [LinuxFact]
    public async Task ReadAndWriteFile_FileSwappedWithSymlinkOut_NeverReadOrWriteTheCanary()
    {
        workspace.Write("f.txt", "inside");
        File.CreateSymbolicLink(workspace.PathOf("f-link"), canary);

        var (results, swaps) = await RaceAsync(workspace.PathOf("f.txt"), workspace.PathOf("f-link"), "f.txt");

        AssertCanaryUntouched(results, swaps);
    }

    [LinuxFact]
    public async Task ListAndSearchFiles_FolderSwappedWithSymlinkOut_NeverListOrReadOutside()
    {
        workspace.Write("d/inside.txt", "needle inside");
        workspace.WriteOutside("outside-only.txt", "needle outside");
        Directory.CreateSymbolicLink(workspace.PathOf("d-link"), workspace.Outside);
        var context = workspace.Context(TestAgents.Writer());
        var results = new List<ToolCallResult>();

        using var stop = new CancellationTokenSource(RaceLength);
        var swapper = TreeSwapper.RunAsync(workspace.PathOf("d"), workspace.PathOf("d-link"), stop.Token);
        while (!stop.IsCancellationRequested)
        {
            results.Add(await toolBox.InvokeAsync(ToolNames.ListFiles, null, context));
            results.Add(await toolBox.InvokeAsync(ToolNames.SearchFiles, TestAgents.Args(("pattern", "needle|canary")), context));
        }

        Assert.True(await swapper > 10, "the race did not run");
        Assert.Contains(results, r => r.Output.Contains("d/inside.txt", StringComparison.Ordinal));
        Assert.All(results, r => Assert.DoesNotContain("outside", r.Output.Replace("needle inside", "", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.All(results, r => Assert.DoesNotContain(Canary, r.Output, StringComparison.Ordinal));
    }

    private void AssertCanaryUntouched(List<ToolCallResult> results, int swaps)
    {
        Assert.True(swaps > 10, $"only {swaps} swaps: the race did not run");
        Assert.Contains(results, r => r.Status == ToolCallStatus.Ok);
        Assert.All(results, r => Assert.DoesNotContain(Canary, r.Output, StringComparison.Ordinal));
        Assert.Equal(Canary, File.ReadAllText(canary));
        Assert.Equal([canary], Directory.GetFileSystemEntries(workspace.Outside));
    }

    /// <summary>Loops read_file, write_file and edit_file on <paramref name="path"/> while the two entries are swapped.</summary>
    private async Task<(List<ToolCallResult> Results, int Swaps)> RaceAsync(string real, string link, string path)
    {
        var context = workspace.Context(TestAgents.Writer());
        var results = new List<ToolCallResult>();
        using var stop = new CancellationTokenSource(RaceLength);
        var swapper = TreeSwapper.RunAsync(real, link, stop.Token);
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            results.Add(await toolBox.InvokeAsync(ToolNames.ReadFile, TestAgents.Args(("path", path)), context));
            results.Add(await toolBox.InvokeAsync(ToolNames.WriteFile, TestAgents.Args(("path", path), ("content", $"written {i}")), context));
            results.Add(await toolBox.InvokeAsync(ToolNames.EditFile, TestAgents.Args(("path", path), ("old_text", "canary"), ("new_text", "pwned")), context));
        }

        return (results, await swapper);
    }
}
