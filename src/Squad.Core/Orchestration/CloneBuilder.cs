using Squad.Core.Forge;
using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// Makes a repository's bare clone so that a kill at any moment leaves either no clone or a finished one: it is built
/// (<c>init</c>, <c>remote add</c>, first fetch) in a temporary folder beside its place and renamed into place. An
/// existing folder counts as a clone only when git reads it as a bare repository whose <c>origin</c> is the repository;
/// anything else (an empty folder, a clone without <c>origin</c>, one of another repository) is moved aside and rebuilt.
/// </summary>
internal sealed class CloneBuilder(GitCli git)
{
    private const string TemporaryMarker = ".tmp-";

    /// <summary>True when <paramref name="clone"/> is a bare repository whose <c>origin</c> fetches from <paramref name="fetchUrl"/>.</summary>
    public async Task<bool> IsValidAsync(string clone, string fetchUrl, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(clone))
        {
            return false;
        }

        // GIT_DIR pins git to the folder itself: an empty folder inside some other repository must not be read as that one.
        var environment = GitDirectory(clone);
        var bare = await git.TryRunAsync(clone, ["rev-parse", "--is-bare-repository"], extraEnvironment: environment, cancellationToken: cancellationToken);
        if (!bare.Succeeded || bare.StandardOutput.Trim() != "true")
        {
            return false;
        }

        var url = await git.TryRunAsync(clone, ["config", "--local", "--get", "remote.origin.url"], extraEnvironment: environment, cancellationToken: cancellationToken);
        var refspec = await git.TryRunAsync(clone, ["config", "--local", "--get-all", "remote.origin.fetch"], extraEnvironment: environment, cancellationToken: cancellationToken);
        return url.Succeeded && url.StandardOutput.Trim() == fetchUrl && refspec.Succeeded && refspec.StandardOutput.Trim().Length > 0;
    }

    /// <summary>Builds the clone in a temporary folder, fetches once, and renames it to <paramref name="clone"/>, which must not exist.</summary>
    public async Task BuildAsync(string clone, RepositoryInfo repository, IReadOnlyDictionary<string, string>? fetchEnvironment, CancellationToken cancellationToken)
    {
        var building = clone + TemporaryMarker + Guid.NewGuid().ToString("N")[..12];
        Directory.CreateDirectory(building);
        try
        {
            await git.RunAsync(building, ["init", "-q", "--bare"], extraEnvironment: GitDirectory(building), cancellationToken: cancellationToken);
            await git.RunAsync(building, ["remote", "add", "origin", repository.FetchUrl], extraEnvironment: GitDirectory(building), cancellationToken: cancellationToken);
            await git.RunAsync(building, ["fetch", "-q", "--prune", "origin"], extraEnvironment: fetchEnvironment, cancellationToken: cancellationToken);
            Directory.Move(building, clone);
        }
        finally
        {
            FileTree.Delete(building);
        }
    }

    /// <summary>Moves a folder that is not a clone out of the way (a rename, so never half there) and deletes it.</summary>
    public static void Discard(string clone)
    {
        if (Directory.Exists(clone) && new FileInfo(clone).LinkTarget is null)
        {
            var aside = clone + TemporaryMarker + Guid.NewGuid().ToString("N")[..12];
            Directory.Move(clone, aside);
            FileTree.Delete(aside);
            return;
        }

        FileTree.Delete(clone);
    }

    /// <summary>Deletes what a killed build or discard left beside <paramref name="clone"/>.</summary>
    public static void DeleteTemporaries(string clone)
    {
        var folder = Path.GetDirectoryName(clone)!;
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var leftover in Directory.EnumerateDirectories(folder, Path.GetFileName(clone) + TemporaryMarker + "*"))
        {
            FileTree.Delete(leftover);
        }
    }

    public static Dictionary<string, string> GitDirectory(string gitDirectory) => new() { ["GIT_DIR"] = gitDirectory };
}
