using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;
using N = Squad.Core.Tools.NativeMethods;

namespace Squad.Core.Tools;

/// <summary>Deleting and moving files of the tree, through the same confined resolution as reading and writing.</summary>
internal sealed partial class LinuxFiles
{
    /// <summary>Removes a regular file of the tree; a link, folder or special file is refused, not removed.</summary>
    public void Delete(string root, IReadOnlyList<string> segments, string shown)
    {
        using var parent = OpenExistingParent(root, segments, shown);
        CheckRegular(parent, segments[^1], shown);
        if (N.Unlinkat(Fd(parent), segments[^1], 0) != 0)
        {
            throw Refusal(Marshal.GetLastPInvokeError(), shown);
        }
    }

    /// <summary>
    /// Renames a regular file of the tree to a new path of the tree, creating missing folders; never replaces what is
    /// already at the destination (renameat2 with RENAME_NOREPLACE, so a file created meanwhile is not lost either).
    /// </summary>
    public void Move(string root, IReadOnlyList<string> from, string fromShown, IReadOnlyList<string> to, string toShown)
    {
        if (to.Count == 0)
        {
            throw FileRefusals.Folder(toShown);
        }

        using var source = OpenExistingParent(root, from, fromShown);
        CheckRegular(source, from[^1], fromShown);
        using var destination = OpenParents(root, to, toShown);
        if (N.Renameat2(Fd(source), from[^1], Fd(destination), to[^1], N.RenameNoReplace) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == N.EExist ? new ToolException($"'{toShown}' already exists: move_file never replaces a file") : Refusal(errno, toShown);
        }
    }

    private SafeFileHandle OpenExistingParent(string root, IReadOnlyList<string> segments, string shown)
    {
        if (segments.Count == 0)
        {
            throw FileRefusals.Folder(shown);
        }

        if (segments.Count == 1)
        {
            return OpenRoot(root);
        }

        using var rootHandle = OpenRoot(root);
        return OpenFolder(rootHandle, string.Join('/', segments.Take(segments.Count - 1)), shown);
    }

    private void CheckRegular(SafeFileHandle parent, string leaf, string shown)
    {
        var (fd, errno) = TryOpen(parent, leaf, N.OPath, 0);
        if (fd < 0)
        {
            throw Refusal(errno, shown);
        }

        using var existing = new SafeFileHandle(fd, ownsHandle: true);
        _ = RegularStatus(existing, shown);
    }
}
