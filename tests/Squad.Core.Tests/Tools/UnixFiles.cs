using System.Diagnostics;

namespace Squad.Core.Tests.Tools;

/// <summary>Makes the special files the tests put in a tree, with the same commands an agent's test could run.</summary>
internal static class UnixFiles
{
    public static void MakeFifo(string path) => Run("mkfifo", path);

    public static void HardLink(string target, string link) => Run("ln", target, link);

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{command} failed: {error}");
    }
}
