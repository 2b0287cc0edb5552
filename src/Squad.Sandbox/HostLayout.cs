namespace Squad.Sandbox;

/// <summary>
/// The parts of the host a sandboxed command sees, read-only: /usr, the merged-usr links (or folders), the few files of
/// /etc that tools need, and the .NET SDK when it lives outside /usr. Nothing else: no $HOME, /work, /var, /srv, /home.
/// </summary>
internal sealed record HostLayout
{
    // Name resolution, users, TLS roots, the dynamic linker, time zone; alternatives because Debian's /usr/bin links
    // point into /etc/alternatives. Not shadow, not the whole /etc.
    private static readonly string[] EtcEntries =
    [
        "passwd", "group", "hosts", "host.conf", "resolv.conf", "nsswitch.conf", "gai.conf", "services", "protocols",
        "ssl", "ca-certificates", "pki", "crypto-policies", "alternatives", "ld.so.cache", "ld.so.conf", "ld.so.conf.d",
        "localtime", "timezone", "mime.types", "os-release", "debian_version", "gitconfig",
    ];

    private static readonly string[] SystemDirectories = ["/bin", "/lib", "/lib32", "/lib64", "/libx32", "/sbin"];

    /// <summary>Folders bound read-only at their own path.</summary>
    public required IReadOnlyList<string> ReadOnlyBinds { get; init; }

    /// <summary>Top-level links recreated inside (merged /usr): path and target.</summary>
    public required IReadOnlyList<(string Path, string Target)> Links { get; init; }

    public static HostLayout Read(string? pathVariable)
    {
        var binds = new List<string> { "/usr" };
        var links = new List<(string, string)>();
        foreach (var directory in SystemDirectories)
        {
            var info = new DirectoryInfo(directory);
            if (info.LinkTarget is { } target)
            {
                links.Add((directory, target));
            }
            else if (info.Exists)
            {
                binds.Add(directory);
            }
        }

        binds.AddRange(EtcEntries.Select(entry => Path.Join("/etc", entry)).Where(path => File.Exists(path) || Directory.Exists(path)));
        if (DotnetRoot(pathVariable) is { } dotnetRoot)
        {
            binds.Add(dotnetRoot);
        }

        return new HostLayout { ReadOnlyBinds = binds, Links = links };
    }

    /// <summary>The folder of the dotnet the orchestrator's PATH finds, when it is not under /usr already.</summary>
    private static string? DotnetRoot(string? pathVariable)
    {
        foreach (var folder in (pathVariable ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Join(folder, "dotnet");
            if (!File.Exists(candidate))
            {
                continue;
            }

            var resolved = new FileInfo(candidate).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(candidate);
            var root = Path.GetDirectoryName(resolved);
            return root is null || root == "/usr" || root.StartsWith("/usr/", StringComparison.Ordinal) ? null : root;
        }

        return null;
    }
}
