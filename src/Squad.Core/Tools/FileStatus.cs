using System.Runtime.InteropServices;

namespace Squad.Core.Tools;

/// <summary>
/// The head of <c>struct statx</c> (256 bytes in all). statx rather than fstat because its layout is the same on
/// every architecture, where <c>struct stat</c> is not.
/// </summary>
[StructLayout(LayoutKind.Explicit, Size = 256)]
internal struct FileStatus
{
    [FieldOffset(0)]
    public uint Mask;

    [FieldOffset(16)]
    public uint LinkCount;

    [FieldOffset(20)]
    public uint Uid;

    [FieldOffset(24)]
    public uint Gid;

    [FieldOffset(28)]
    public ushort Mode;

    [FieldOffset(32)]
    public ulong Inode;

    [FieldOffset(40)]
    public ulong Size;

    [FieldOffset(96)]
    public long ChangedSeconds;

    [FieldOffset(104)]
    public uint ChangedNanoseconds;

    [FieldOffset(112)]
    public long ModifiedSeconds;

    [FieldOffset(120)]
    public uint ModifiedNanoseconds;

    [FieldOffset(136)]
    public uint DeviceMajor;

    [FieldOffset(140)]
    public uint DeviceMinor;

    /// <summary>The file type bits of <see cref="Mode"/> (S_IFMT).</summary>
    public readonly ushort Type => (ushort)(Mode & 0xF000);
}
