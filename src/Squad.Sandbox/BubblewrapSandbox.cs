using Squad.Core.Sandbox;

namespace Squad.Sandbox;

/// <summary>
/// Runs each command in bubblewrap: its own user, pid, ipc, uts, cgroup and (unless it asks for the network) network
/// namespaces, a read-only view of /usr and a minimal /etc, its work tree the only writable folder besides a private
/// /tmp. Killing bubblewrap ends the pid namespace, and with it every process the command started.
/// </summary>
public sealed class BubblewrapSandbox : ISandbox
{
    private readonly string _bwrap;
    private readonly HostLayout _layout;
    private readonly CommandRunner _runner;

    internal BubblewrapSandbox(string bwrap, string version, TimeProvider timeProvider)
    {
        _bwrap = bwrap;
        _layout = HostLayout.Read(Environment.GetEnvironmentVariable("PATH"));
        var hierarchy = CgroupHierarchy.Read();
        _runner = new CommandRunner(hierarchy, timeProvider);
        Info = new SandboxInfo
        {
            Kind = $"bubblewrap {version}",
            Contained = true,
            Description = "own pid/user/ipc/uts namespaces and network namespace (no network unless a command asks); "
                + $"no capabilities, host read-only (/usr, minimal /etc), writes only to the work tree and a private /tmp; {SandboxDescription.Limits(hierarchy)}",
        };
    }

    public SandboxInfo Info { get; }

    public Task<SandboxResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var plan = new LaunchPlan
        {
            Program = BubblewrapArguments.For(_bwrap, command, _layout),
            // bwrap itself needs nothing; the command's environment is set inside, after --clearenv.
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
            WorkingDirectory = command.WorkingDirectory,
        };
        return _runner.RunAsync(plan, command, cancellationToken);
    }
}
