using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Squad.Core.Orchestration;

namespace Squad.Core.Tests.Orchestration;

/// <summary>
/// A command in a copy can close a folder to its owner (<c>chmod 000</c>): without root's rights neither <c>rm -rf</c> nor
/// a recursive delete can empty it, and the copy would stay in the data directory (or in memory) for ever, every sweep
/// failing on it. The tests take root's rights away from the deleting thread (CI runs as root; a thread's capabilities are
/// its own), so the delete meets the permissions a user meets.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class FileTreeTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-filetree-" + Guid.NewGuid().ToString("N")[..8]);

    public FileTreeTests() => Directory.CreateDirectory(root);

    public void Dispose()
    {
        foreach (var folder in Directory.EnumerateDirectories(root, "*", SearchOption.AllDirectories).Prepend(root))
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void Delete_AFolderACommandClosed_IsOpenedAndDeleted()
    {
        var copy = Path.Combine(root, "copy");
        var closed = Path.Combine(copy, "src", ".closed");
        Directory.CreateDirectory(Path.Combine(closed, "deeper"));
        File.WriteAllText(Path.Combine(closed, "deeper", "a.txt"), "a");
        File.WriteAllText(Path.Combine(closed, "b.txt"), "b");
        File.SetUnixFileMode(Path.Combine(closed, "deeper"), UnixFileMode.None);
        File.SetUnixFileMode(closed, UnixFileMode.None);

        // What the user's own rights allow: the closed folder cannot be emptied.
        Assert.ThrowsAny<Exception>(() => WithoutRootRights(() => Directory.Delete(copy, recursive: true)));

        WithoutRootRights(() => FileTree.Delete(copy));

        Assert.False(Directory.Exists(copy));
    }

    [Fact]
    public void Delete_AClosedFolderBehindALink_IsNeitherOpenedNorFollowed()
    {
        var outside = Path.Combine(root, "outside");
        Directory.CreateDirectory(Path.Combine(outside, "kept"));
        File.SetUnixFileMode(Path.Combine(outside, "kept"), UnixFileMode.None);
        File.SetUnixFileMode(outside, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        var copy = Path.Combine(root, "copy");
        var closed = Path.Combine(copy, "closed");
        Directory.CreateDirectory(closed);
        Directory.CreateSymbolicLink(Path.Combine(closed, "link"), outside);
        File.SetUnixFileMode(closed, UnixFileMode.None);

        WithoutRootRights(() => FileTree.Delete(copy));

        Assert.False(Directory.Exists(copy));
        Assert.True(Directory.Exists(Path.Combine(outside, "kept")));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserExecute, File.GetUnixFileMode(outside));
        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(Path.Combine(outside, "kept")));
    }

    [Fact]
    public void Delete_TheCopysOwnFolderMadeReadOnly_IsOpenedAndDeleted()
    {
        var copy = Path.Combine(root, "copy");
        Directory.CreateDirectory(Path.Combine(copy, "src"));
        File.WriteAllText(Path.Combine(copy, "src", "a.txt"), "a");
        File.SetUnixFileMode(Path.Combine(copy, "src"), UnixFileMode.UserRead | UnixFileMode.UserExecute);
        File.SetUnixFileMode(copy, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        WithoutRootRights(() => FileTree.TryDelete(copy));

        Assert.False(Directory.Exists(copy));
    }

    /// <summary>Runs <paramref name="action"/> on this thread without the capabilities that let root ignore file permissions.</summary>
    private static void WithoutRootRights(Action action)
    {
        var header = new CapHeader { Version = CapabilityVersion3 };
        var saved = new CapData[2];
        Assert.Equal(0, CapGet(ref header, saved));
        var reduced = (CapData[])saved.Clone();
        reduced[0].Effective &= ~DacCapabilities;
        Assert.Equal(0, CapSet(ref header, reduced));
        try
        {
            action();
        }
        finally
        {
            Assert.Equal(0, CapSet(ref header, saved));
        }
    }

    private const uint CapabilityVersion3 = 0x20080522;

    /// <summary>CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH and CAP_FOWNER.</summary>
    private const uint DacCapabilities = (1u << 1) | (1u << 2) | (1u << 3);

    [StructLayout(LayoutKind.Sequential)]
    private struct CapHeader
    {
        public uint Version;
        public int Pid;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct CapData
    {
        public uint Effective;
        public uint Permitted;
        public uint Inheritable;
    }

    [DllImport("libc", EntryPoint = "capget", SetLastError = true)]
    private static extern int CapGet(ref CapHeader header, [Out] CapData[] data);

    [DllImport("libc", EntryPoint = "capset", SetLastError = true)]
    private static extern int CapSet(ref CapHeader header, CapData[] data);
}
