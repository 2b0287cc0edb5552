using System.Runtime.InteropServices;

namespace Squad.Core.Tools;

/// <summary>The <c>struct open_how</c> of openat2(2).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct OpenHow
{
    public ulong Flags;
    public ulong Mode;
    public ulong Resolve;
}
