namespace Squad.Core.Orchestration;

/// <summary>Deleting what Squad made under the data directory: a link is removed itself, never followed.</summary>
internal static class FileTree
{
    /// <summary>Deletes the folder, file or link at <paramref name="path"/>, if any.</summary>
    public static void Delete(string path)
    {
        var info = new FileInfo(path);
        if (info.LinkTarget is null && Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
        else if (info.Exists || info.LinkTarget is not null)
        {
            File.Delete(path);
        }
    }

    /// <summary>As <see cref="Delete"/>, but what cannot go now is left for the next attempt.</summary>
    public static void TryDelete(string path)
    {
        try
        {
            Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Creating a work tree or copy at this name deletes whatever is there first, and says so if it cannot.
        }
    }
}
