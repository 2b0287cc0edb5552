namespace Squad.Sandbox;

/// <summary>
/// Where this process sits in the cgroup trees, read from /proc/self/mountinfo and /proc/self/cgroup: the folder of
/// its own group in the unified (v2) tree and in the v1 memory and pids trees, whichever are mounted.
/// </summary>
internal sealed record CgroupHierarchy
{
    public string? Unified { get; init; }

    public string? MemoryV1 { get; init; }

    public string? PidsV1 { get; init; }

    public static CgroupHierarchy Read()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/self/cgroup"))
        {
            return new CgroupHierarchy();
        }

        try
        {
            var membership = File.ReadAllLines("/proc/self/cgroup");
            var mounts = File.ReadAllLines("/proc/self/mountinfo");
            return new CgroupHierarchy
            {
                Unified = OwnFolder(mounts, membership, unified: true, controller: ""),
                MemoryV1 = OwnFolder(mounts, membership, unified: false, controller: "memory"),
                PidsV1 = OwnFolder(mounts, membership, unified: false, controller: "pids"),
            };
        }
        catch (IOException)
        {
            return new CgroupHierarchy();
        }
    }

    private static string? OwnFolder(string[] mounts, string[] membership, bool unified, string controller)
    {
        // /proc/self/cgroup: "4:memory:/a/b" (v1) or "0::/a/b" (v2).
        var own = membership.Select(line => line.Split(':', 3))
            .Where(parts => parts.Length == 3)
            .FirstOrDefault(parts => unified ? parts[0] == "0" && parts[1].Length == 0 : parts[1].Split(',').Contains(controller));
        if (own is null)
        {
            return null;
        }

        foreach (var line in mounts)
        {
            // mountinfo: "id parent major:minor root mountpoint options ... - fstype source superoptions".
            var separator = line.IndexOf(" - ", StringComparison.Ordinal);
            if (separator < 0)
            {
                continue;
            }

            var fields = line[..separator].Split(' ');
            var tail = line[(separator + 3)..].Split(' ');
            var matches = unified
                ? tail[0] == "cgroup2"
                : tail[0] == "cgroup" && tail.Length > 2 && tail[2].Split(',').Contains(controller);
            if (!matches || fields.Length < 5)
            {
                continue;
            }

            var root = fields[3];
            var path = own[2];
            if (root != "/" && path.StartsWith(root, StringComparison.Ordinal))
            {
                path = path[root.Length..];
            }

            return Path.Join(fields[4].Replace("\\040", " ", StringComparison.Ordinal), path);
        }

        return null;
    }
}
