using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Squad.Core.Tests.Tools;

/// <summary>
/// What a hostile command does to the tree while a tool works in it: swaps two entries (a real folder or file and a
/// symbolic link out of the tree) again and again, atomically with renameat2(RENAME_EXCHANGE), so the path always exists
/// and is, from one instant to the next, either the real entry or the link.
/// </summary>
[SupportedOSPlatform("linux")]
internal static partial class TreeSwapper
{
    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    /// <summary>
    /// Swaps until <paramref name="cancellationToken"/> fires; answers how many swaps succeeded. On a thread of its own, not
    /// the pool's: with every test of the run sharing two cores, a pool thread could start after the race was over.
    /// </summary>
    public static Task<int> RunAsync(string first, string second, CancellationToken cancellationToken) => Task.Factory.StartNew(
        () =>
        {
            var swaps = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                if (Renameat2(AtFdCwd, first, AtFdCwd, second, RenameExchange) == 0)
                {
                    swaps++;
                }
            }

            // Leave the tree as it began, the real entry in place, when the count is odd.
            if (swaps % 2 == 1 && Renameat2(AtFdCwd, first, AtFdCwd, second, RenameExchange) == 0)
            {
                swaps++;
            }

            return swaps;
        },
        CancellationToken.None,
        TaskCreationOptions.LongRunning,
        TaskScheduler.Default);

    [LibraryImport("libc", EntryPoint = "renameat2", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Renameat2(int oldDirectory, string oldPath, int newDirectory, string newPath, uint flags);
}
