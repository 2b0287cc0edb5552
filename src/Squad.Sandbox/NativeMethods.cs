using System.Runtime.InteropServices;

namespace Squad.Sandbox;

internal static partial class NativeMethods
{
    public const int SigKill = 9;

    /// <summary>kill(2): with a negative pid, every process of that group.</summary>
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
