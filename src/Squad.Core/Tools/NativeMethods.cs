using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Squad.Core.Tools;

/// <summary>
/// The Linux system calls the file tools use to open paths relative to a directory handle without following
/// symbolic links. Flag and errno values are the generic Linux ones (x86-64 and arm64 share them).
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class NativeMethods
{
    public const int AtFdCwd = -100;
    public const int AtEmptyPath = 0x1000;
    public const int AtSymlinkNoFollow = 0x100;

    public const int ORdOnly = 0x0;
    public const int OWrOnly = 0x1;
    public const int OCreat = 0x40;
    public const int OExcl = 0x80;
    public const int ONoCtty = 0x100;
    public const int ONonBlock = 0x800;
    public const int ODirectory = 0x10000;
    public const int ONoFollow = 0x20000;
    public const int OCloExec = 0x80000;
    public const int OPath = 0x200000;

    public const ulong ResolveNoXdev = 0x01;
    public const ulong ResolveNoMagicLinks = 0x02;
    public const ulong ResolveNoSymlinks = 0x04;
    public const ulong ResolveBeneath = 0x08;

    /// <summary>Everything the file tools ask of path resolution: stay beneath the directory, follow no link, cross no mount.</summary>
    public const ulong ResolveConfined = ResolveBeneath | ResolveNoSymlinks | ResolveNoMagicLinks | ResolveNoXdev;

    public const uint StatxType = 0x1;
    public const uint StatxMode = 0x2;
    public const uint StatxNlink = 0x4;
    public const uint StatxUid = 0x8;
    public const uint StatxGid = 0x10;
    public const uint StatxMtime = 0x40;
    public const uint StatxCtime = 0x80;
    public const uint StatxIno = 0x100;
    public const uint StatxSize = 0x200;

    /// <summary>The clock file timestamps are taken from (the kernel's coarse wall clock).</summary>
    public const int ClockRealtimeCoarse = 5;

    public const ushort SIfMt = 0xF000;
    public const ushort SIfReg = 0x8000;
    public const ushort SIfDir = 0x4000;
    public const ushort SIfLnk = 0xA000;
    public const ushort SIfIfo = 0x1000;
    public const ushort SIfSock = 0xC000;
    public const ushort SIfChr = 0x2000;
    public const ushort SIfBlk = 0x6000;

    public const int EPerm = 1;
    public const int ENoEnt = 2;
    public const int ENxIo = 6;
    public const int EAgain = 11;
    public const int EAccess = 13;
    public const int EExist = 17;
    public const int EXDev = 18;
    public const int ENotDir = 20;
    public const int EIsDir = 21;
    public const int EInval = 22;
    public const int ENoSys = 38;
    public const int ENotEmpty = 39;
    public const int ELoop = 40;

    /// <summary>openat2(2) has the same number on every architecture (the unified table from Linux 5.6 on).</summary>
    private const long SysOpenat2 = 437;

    public static int Openat2(int directory, string path, int flags, uint mode, ulong resolve)
    {
        var how = new OpenHow { Flags = (ulong)(uint)flags, Mode = mode, Resolve = resolve };
        return (int)Syscall(SysOpenat2, directory, path, ref how, (nuint)Marshal.SizeOf<OpenHow>());
    }

    [LibraryImport("libc", EntryPoint = "syscall", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial long Syscall(long number, long directory, string path, ref OpenHow how, nuint size);

    [LibraryImport("libc", EntryPoint = "openat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Openat(int directory, string path, int flags, uint mode);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    public static partial uint Geteuid();

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Statx(int directory, string path, int flags, uint mask, out FileStatus status);

    [LibraryImport("libc", EntryPoint = "mkdirat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Mkdirat(int directory, string path, uint mode);

    [LibraryImport("libc", EntryPoint = "renameat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Renameat(int oldDirectory, string oldPath, int newDirectory, string newPath);

    /// <summary>renameat2's flag that refuses to replace an existing destination (EEXIST).</summary>
    public const uint RenameNoReplace = 1;

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Renameat2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);

    [LibraryImport("libc", EntryPoint = "unlinkat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Unlinkat(int directory, string path, int flags);

    [LibraryImport("libc", EntryPoint = "clock_gettime", SetLastError = true)]
    public static partial int ClockGettime(int clock, out Timespec time);

    [LibraryImport("libc", EntryPoint = "getdents64", SetLastError = true)]
    public static unsafe partial nint Getdents64(int fd, byte* buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    public static partial int Close(int fd);

    /// <summary>utimensat's "leave this time as it is".</summary>
    public const long UtimeOmit = (1L << 30) - 2;

    [LibraryImport("libc", EntryPoint = "utimensat", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int Utimensat(int directory, string path, in Timespecs times, int flags);
}

/// <summary>The two times of utimensat(2): access, then modification.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespecs
{
    public Timespec Accessed;
    public Timespec Modified;
}

/// <summary><c>struct timespec</c> on 64-bit Linux.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct Timespec
{
    public long Seconds;
    public long Nanoseconds;
}
