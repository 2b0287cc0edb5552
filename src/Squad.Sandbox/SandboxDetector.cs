using System.Diagnostics;

namespace Squad.Sandbox;

/// <summary>Finds the sandbox this machine can give: bubblewrap, when it is installed and can create namespaces.</summary>
public static class SandboxDetector
{
    private const string NoSandboxHint = "or pass --no-sandbox to run agent code unsandboxed";

    public static SandboxDetection Detect() => Detect(Environment.GetEnvironmentVariable("PATH"), TimeProvider.System);

    internal static SandboxDetection Detect(string? pathVariable, TimeProvider timeProvider)
    {
        if (!OperatingSystem.IsLinux())
        {
            var system = OperatingSystem.IsMacOS() ? "macOS" : OperatingSystem.IsWindows() ? "Windows" : "this system";
            return Unavailable($"no sandbox on {system}: agent commands are isolated with Linux namespaces; run squad in a Linux VM or container (WSL2 works), {NoSandboxHint}");
        }

        var bwrap = (pathVariable ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => Path.Join(folder, "bwrap"))
            .FirstOrDefault(File.Exists);
        if (bwrap is null)
        {
            return Unavailable($"bubblewrap is not installed: apt-get install bubblewrap (Debian/Ubuntu), dnf install bubblewrap (Fedora), pacman -S bubblewrap (Arch); {NoSandboxHint}");
        }

        var (versionExit, version, _) = Run(bwrap, ["--version"]);
        if (versionExit != 0)
        {
            return Unavailable($"{bwrap} --version failed: reinstall bubblewrap; {NoSandboxHint}");
        }

        // The same namespaces and system folders every command gets, around a program that does nothing.
        var layout = HostLayout.Read(pathVariable);
        var (probeExit, _, error) = Run(bwrap,
        [
            "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session",
            .. layout.Binds(network: false).SelectMany(bind => new[] { "--ro-bind", bind.Source, bind.Path }),
            .. layout.Links.SelectMany(link => new[] { "--symlink", link.Target, link.Path }),
            "--proc", "/proc", "--dev", "/dev", "/usr/bin/true",
        ]);
        if (probeExit != 0)
        {
            var detail = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? $"exit {probeExit}";
            return Unavailable(detail.Contains("namespace", StringComparison.OrdinalIgnoreCase) || detail.Contains("uid map", StringComparison.OrdinalIgnoreCase) || detail.Contains("permitted", StringComparison.OrdinalIgnoreCase)
                ? $"user namespaces are disabled ({detail}): sysctl -w kernel.unprivileged_userns_clone=1 (Debian) or user.max_user_namespaces=15000, on Ubuntu 24.04+ kernel.apparmor_restrict_unprivileged_userns=0, in Docker --security-opt seccomp=unconfined; {NoSandboxHint}"
                : $"bubblewrap cannot create a sandbox here ({detail}); {NoSandboxHint}");
        }

        var number = version.Trim().Replace("bubblewrap", "", StringComparison.Ordinal).Trim();
        return new SandboxDetection { Sandbox = new BubblewrapSandbox(bwrap, number, timeProvider) };
    }

    private static SandboxDetection Unavailable(string reason) => new() { Reason = reason };

    private static (int ExitCode, string Output, string Error) Run(string program, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            process.Kill();
            return (-1, "", "timed out");
        }

        return (process.ExitCode, output.Result, error.Result);
    }
}
