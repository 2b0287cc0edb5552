using Squad.Core.Orchestration;

namespace Squad.Cli.Tests;

/// <summary>Where a data directory's work trees and copies may be: its <c>worktrees</c> folder, and its folder in memory.</summary>
internal static class TreeFolders
{
    /// <summary>Whether this machine puts trees in memory (a tmpfs at /dev/shm), as Squad decides by default.</summary>
    public static bool InMemory => new DriveInfo("/dev/shm") is { IsReady: true, DriveFormat: "tmpfs" };

    public static IEnumerable<string> Of(string dataDirectory)
        => [Path.Combine(dataDirectory, "worktrees"), WorktreeMemory.TreesFolder(dataDirectory)];

    /// <summary>The trees and copies left, at <c>&lt;repository&gt;/&lt;name&gt;</c> in either place; the repository's folder may stay.</summary>
    public static string[] Leftovers(string dataDirectory)
        => [.. Of(dataDirectory).Where(Directory.Exists).SelectMany(Directory.GetDirectories).SelectMany(Directory.GetFileSystemEntries)];

    /// <summary>Every file left in either place.</summary>
    public static string[] Files(string dataDirectory)
        => [.. Of(dataDirectory).Where(Directory.Exists).SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))];
}
