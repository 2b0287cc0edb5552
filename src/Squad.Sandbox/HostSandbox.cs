using Squad.Core.Sandbox;

namespace Squad.Sandbox;

/// <summary>
/// What <c>--no-sandbox</c> runs: commands on the host, as the orchestrator's user, seeing what it sees. It still gives
/// them exactly their own environment, caps their output, and kills their whole process group (and cgroup, when one is
/// writable) on timeout, on cancellation and when they end.
/// </summary>
public sealed class HostSandbox : ISandbox
{
    private static readonly string? Setsid = new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    private readonly CommandRunner _runner;

    public HostSandbox()
        : this(TimeProvider.System)
    {
    }

    public HostSandbox(TimeProvider timeProvider)
    {
        var hierarchy = CgroupHierarchy.Read();
        _runner = new CommandRunner(hierarchy, timeProvider);
        Info = new SandboxInfo
        {
            Kind = "none",
            Contained = false,
            Description = $"no isolation: commands run on the host as {Environment.UserName} and can read and write what it can; {SandboxDescription.Limits(hierarchy)}",
        };
    }

    public SandboxInfo Info { get; }

    public Task<SandboxResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        // setsid makes the shell lead a process group of its own, so background children can be killed with it.
        IReadOnlyList<string> shell = ["/bin/sh", "-c", command.CommandLine];
        var plan = new LaunchPlan
        {
            Program = Setsid is null ? shell : [Setsid, "-w", .. shell],
            Environment = WithHome(command.Environment),
            WorkingDirectory = command.WorkingDirectory,
            OwnProcessGroup = Setsid is not null,
        };
        return _runner.RunAsync(plan, command, cancellationToken);
    }

    /// <summary>
    /// Toolchains need a home (the .NET CLI stops without one). Bubblewrap gives a private, empty one; on the host, with
    /// no isolation anyway, it is the user's own, as are <c>TMPDIR</c>'s temporary files.
    /// </summary>
    private static Dictionary<string, string> WithHome(IReadOnlyDictionary<string, string> given)
    {
        var environment = new Dictionary<string, string>(given, StringComparer.Ordinal);
        foreach (var name in new[] { "HOME", "TMPDIR" })
        {
            if (!environment.ContainsKey(name) && System.Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        return environment;
    }
}
