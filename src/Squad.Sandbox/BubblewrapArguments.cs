using Squad.Core.Sandbox;

namespace Squad.Sandbox;

/// <summary>The bwrap command line for one command: namespaces, the filesystem it sees, and its environment.</summary>
internal static class BubblewrapArguments
{
    public const string Home = "/tmp/home";

    public static IReadOnlyList<string> For(string bwrap, SandboxCommand command, HostLayout layout)
    {
        var arguments = new List<string>
        {
            bwrap,
            "--unshare-user", "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-cgroup-try",
            "--die-with-parent", "--new-session", "--hostname", "squad-sandbox",
            // Run by root, bubblewrap keeps every capability inside; CAP_SYS_ADMIN there could remount /usr read-write.
            "--cap-drop", "ALL",
        };
        if (!command.Network)
        {
            arguments.Add("--unshare-net");
        }

        arguments.Add("--clearenv");
        foreach (var (name, value) in command.Environment.Where(pair => pair.Key is not ("HOME" or "TMPDIR")))
        {
            arguments.AddRange(["--setenv", name, value]);
        }

        arguments.AddRange(["--setenv", "HOME", Home, "--setenv", "TMPDIR", "/tmp"]);
        foreach (var (source, path) in layout.Binds(command.Network))
        {
            arguments.AddRange(["--ro-bind", source, path]);
        }

        foreach (var (path, target) in layout.Links)
        {
            arguments.AddRange(["--symlink", target, path]);
        }

        // A proc of the new pid namespace: the orchestrator's processes, and their environ, do not exist in it.
        arguments.AddRange(["--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--dir", Home]);
        AddTrees(arguments, command);
        // The root holds only mount points: nothing may be created beside them.
        arguments.AddRange(["--remount-ro", "/", "--chdir", command.WorkingDirectory, "/bin/sh", "-c", command.CommandLine]);
        return arguments;
    }

    private static void AddTrees(List<string> arguments, SandboxCommand command)
    {
        var workTree = Path.GetFullPath(command.WorkingDirectory);
        var trees = command.Mounts
            .Select(mount => (Path: Path.GetFullPath(mount.Path), mount.Writable))
            .Where(mount => mount.Path != workTree)
            .Append((Path: workTree, Writable: true))
            // Outer folders first, so a tree inside a read-only mount is bound over it, not hidden by it.
            .OrderBy(mount => mount.Path.TrimEnd('/').Count(c => c == '/'));
        foreach (var (path, writable) in trees)
        {
            arguments.AddRange([writable ? "--bind" : "--ro-bind", path, path]);
        }
    }
}
