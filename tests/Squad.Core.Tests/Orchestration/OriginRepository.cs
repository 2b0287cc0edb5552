using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.Core.Orchestration;

namespace Squad.Core.Tests.Orchestration;

/// <summary>A real git repository in a temp folder playing the code host, with a data directory for clones and work trees beside it.</summary>
internal sealed class OriginRepository : IDisposable
{
    private readonly GitCli git = new();

    private OriginRepository(string root)
    {
        Root = root;
        Path = System.IO.Path.Combine(root, "origin");
    }

    public string Root { get; }

    public string Path { get; }

    public string Clones => System.IO.Path.Combine(Root, "data", "clones");

    public string Worktrees => System.IO.Path.Combine(Root, "data", "worktrees");

    public RepositoryInfo Info => new() { Name = "origin", FetchUrl = Path, DefaultBranch = "main" };

    public static async Task<OriginRepository> CreateAsync(IReadOnlyDictionary<string, string?> files)
    {
        var origin = new OriginRepository(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "squad-origin-" + Guid.NewGuid().ToString("N")[..12]));
        Directory.CreateDirectory(origin.Path);
        await origin.git.RunAsync(origin.Path, ["init", "-q", "-b", "main"]);
        await origin.CommitAsync(files, "base");
        return origin;
    }

    /// <summary>Writes (or, with a null content, deletes) files and commits them on the current branch; returns the commit.</summary>
    public async Task<string> CommitAsync(IReadOnlyDictionary<string, string?> files, string message)
    {
        foreach (var (name, content) in files)
        {
            var full = System.IO.Path.Combine(Path, name);
            if (content is null)
            {
                File.Delete(full);
                continue;
            }

            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content);
        }

        await git.RunAsync(Path, ["add", "-A"]);
        await git.RunAsync(Path, ["commit", "-q", "-m", message]);
        return await git.RevParseAsync(Path, "HEAD");
    }

    public Task<string> GitAsync(params string[] args) => git.RunAsync(Path, args);

    public void Dispose()
    {
        // Trees a test removed are deleted in the background (TreeDeletions): wait for them, so both deletes do not race
        // over the same files; and try again once, should one still be on its way out.
        TreeDeletions.WaitAsync().Wait(TimeSpan.FromSeconds(30));
        for (var attempt = 1; Directory.Exists(Root); attempt++)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException) when (attempt < 3)
            {
                Thread.Sleep(100);
            }
        }
    }
}
