using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;

namespace Squad.Local.Forge;

/// <summary>
/// Brings a folder or a git work tree into the forge as a bare repository. The repository is built
/// under a staging name and renamed into place at the end, so a crashed import never leaves a
/// half-made repository that a second run would take for a finished one.
/// </summary>
internal sealed class RepositoryImporter(ForgeRepositories repositories, GitCli git, TimeProvider timeProvider)
{
    private static readonly Identity Importer = new() { Name = "Squad Import", Email = "import@squad.local", Login = "squad-import" };

    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { "bin", "obj", ".git" };

    public async Task<RepositoryInfo> ImportAsync(string name, string sourceDirectory, string defaultBranch, CancellationToken cancellationToken)
    {
        ForgeRepositories.ValidateName(name);
        if (repositories.Exists(name))
        {
            return await repositories.DescribeAsync(name, cancellationToken);
        }

        var source = Path.GetFullPath(sourceDirectory);
        if (!Directory.Exists(source))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"cannot import '{name}' into the local forge: the folder {source} does not exist");
        }

        await repositories.ValidateBranchAsync(defaultBranch, cancellationToken);
        Directory.CreateDirectory(repositories.Root);
        // A leading dot keeps the staging folder out of the name space that Exists() accepts.
        var staging = Path.Combine(repositories.Root, $".{name}.import-{Path.GetRandomFileName()}");
        try
        {
            await git.RunAsync(repositories.Root, ["init", "--bare", "--quiet", "--initial-branch=" + defaultBranch, staging], cancellationToken: cancellationToken);
            // A push starts no `git gc --auto` of its own (a process each time): the forge runs it on every 64th push.
            await git.RunAsync(staging, ["config", "receive.autogc", "false"], cancellationToken: cancellationToken);
            if (await IsWorkTreeRootAsync(source, cancellationToken))
            {
                await PushWorkTreeAsync(name, source, staging, defaultBranch, cancellationToken);
            }
            else
            {
                await CommitFolderAsync(name, source, staging, defaultBranch, cancellationToken);
            }

            MoveIntoPlace(name, staging);
        }
        finally
        {
            DeleteQuietly(staging);
        }

        return await repositories.DescribeAsync(name, cancellationToken);
    }

    /// <summary>
    /// True only at the top of a work tree: a plain folder inside some other repository (the sample
    /// repository inside Squad's own) must be imported as a folder, not as that outer repository.
    /// </summary>
    private async Task<bool> IsWorkTreeRootAsync(string source, CancellationToken cancellationToken)
    {
        var result = await git.TryRunAsync(source, ["rev-parse", "--show-cdup"], cancellationToken: cancellationToken);
        return result.Succeeded && result.StandardOutput.Trim().Length == 0;
    }

    private async Task PushWorkTreeAsync(string name, string source, string bare, string defaultBranch, CancellationToken cancellationToken)
    {
        if (await git.TryRevParseAsync(source, "HEAD", cancellationToken) is null)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"cannot import '{name}' into the local forge: the repository at {source} has no commits; commit something first");
        }

        await git.RunAsync(source, ["push", "--no-verify", "--quiet", bare, "HEAD:" + ForgeRepositories.BranchRef(defaultBranch)], cancellationToken: cancellationToken);
    }

    private async Task CommitFolderAsync(string name, string source, string bare, string defaultBranch, CancellationToken cancellationToken)
    {
        var copy = Path.Combine(Path.GetTempPath(), "squad-import-" + Path.GetRandomFileName());
        try
        {
            CopyFolder(new DirectoryInfo(source), Directory.CreateDirectory(copy));
            var environment = CommitEnvironment.For(Importer, timeProvider.GetUtcNow());
            await git.RunAsync(copy, ["init", "--quiet", "--initial-branch=" + defaultBranch], cancellationToken: cancellationToken);
            await git.RunAsync(copy, ["add", "--all"], cancellationToken: cancellationToken);
            await git.RunAsync(copy, ["commit", "--quiet", "--no-verify", "--allow-empty", "-m", "Import " + name], extraEnvironment: environment, cancellationToken: cancellationToken);
            await git.RunAsync(copy, ["push", "--no-verify", "--quiet", bare, "HEAD:" + ForgeRepositories.BranchRef(defaultBranch)], cancellationToken: cancellationToken);
        }
        finally
        {
            DeleteQuietly(copy);
        }
    }

    /// <summary>
    /// Copies files, leaving out build output and git folders. Links are left out too: one that
    /// points outside the folder would import files the user never meant to share.
    /// </summary>
    private static void CopyFolder(DirectoryInfo from, DirectoryInfo to)
    {
        foreach (var entry in from.EnumerateFileSystemInfos())
        {
            if (entry.LinkTarget is not null)
            {
                continue;
            }

            if (entry is DirectoryInfo folder)
            {
                if (!SkippedFolders.Contains(folder.Name))
                {
                    CopyFolder(folder, to.CreateSubdirectory(folder.Name));
                }
            }
            else if (entry is FileInfo file)
            {
                file.CopyTo(Path.Combine(to.FullName, file.Name));
            }
        }
    }

    private void MoveIntoPlace(string name, string staging)
    {
        try
        {
            Directory.Move(staging, repositories.PathOf(name));
        }
        catch (IOException) when (repositories.Exists(name))
        {
            // Another import of the same name finished first; its repository stands and ours is dropped.
        }
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; the import's own outcome matters more.
        }
        catch (UnauthorizedAccessException)
        {
            // Same: never hide the import's result behind a cleanup failure.
        }
    }
}
