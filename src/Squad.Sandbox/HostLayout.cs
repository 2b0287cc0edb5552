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

    /// <summary>Folders bound read-only at their own path (/etc apart).</summary>
    public required IReadOnlyList<string> ReadOnlyBinds { get; init; }

    /// <summary>The /etc entries the host has, of <see cref="EtcEntries"/>.</summary>
    public required IReadOnlyList<string> Etc { get; init; }

    /// <summary>A private copy of <see cref="Etc"/> (<see cref="EtcCopy"/>), bound at /etc; null binds each entry itself.</summary>
    public string? EtcFolder { get; init; }

    // What a command with the network reads of /etc as the host has it now, bound over the copy.
    private static readonly string[] NetworkEtc = ["/etc/resolv.conf", "/etc/hosts"];

    /// <summary>The read-only binds of the host (source, then the path inside) for a command with or without the network.</summary>
    public IEnumerable<(string Source, string Path)> Binds(bool network)
    {
        foreach (var path in ReadOnlyBinds)
        {
            yield return (path, path);
        }

        if (EtcFolder is null)
        {
            foreach (var path in Etc)
            {
                yield return (path, path);
            }

            yield break;
        }

        yield return (EtcFolder, "/etc");
        foreach (var path in NetworkEtc.Where(path => network && Etc.Contains(path) && File.Exists(Path.Join(EtcFolder, Path.GetFileName(path)))))
        {
            yield return (path, path);
        }
    }

    /// <summary>Top-level links recreated inside (merged /usr): path and target.</summary>
    public required IReadOnlyList<(string Path, string Target)> Links { get; init; }

    public static HostLayout Read(string? pathVariable, bool copyEtc = true)
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

        if (DotnetRoot(pathVariable) is { } dotnetRoot)
        {
            binds.Add(dotnetRoot);
        }

        var etc = EtcEntries.Select(entry => Path.Join("/etc", entry)).Where(path => File.Exists(path) || Directory.Exists(path)).ToList();
        return new HostLayout { ReadOnlyBinds = binds, Links = links, Etc = etc, EtcFolder = copyEtc && OperatingSystem.IsLinux() ? EtcCopy.For(etc) : null };
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
