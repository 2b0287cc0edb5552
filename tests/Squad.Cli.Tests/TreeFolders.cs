using Squad.Core.Orchestration;

namespace Squad.Cli.Tests;

/// <summary>Where a data directory's work trees and copies may be: its <c>worktrees</c> folder, and its folder in memory.</summary>
internal static class TreeFolders
{
    public static IEnumerable<string> Of(string dataDirectory)
        => [Path.Combine(dataDirectory, "worktrees"), WorktreeMemory.TreesFolder(dataDirectory)];

    /// <summary>The trees and copies left, at <c>&lt;repository&gt;/&lt;name&gt;</c> in either place; the repository's folder may stay.</summary>
    public static string[] Leftovers(string dataDirectory)
        => [.. Of(dataDirectory).Where(Directory.Exists).SelectMany(Directory.GetDirectories).SelectMany(Directory.GetFileSystemEntries)];

    /// <summary>Every file left in either place.</summary>
    public static string[] Files(string dataDirectory)
        => [.. Of(dataDirectory).Where(Directory.Exists).SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))];
}
