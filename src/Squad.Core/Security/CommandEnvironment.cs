namespace Squad.Core.Security;

/// <summary>
/// The environment of commands agents cause to run: an allow-list, so no orchestrator secret
/// (tracker, code host, model, Slack) can reach them, whatever the variable is called. Nothing else is inherited:
/// the sandbox gives the command its own <c>HOME</c> and <c>TMPDIR</c>.
/// </summary>
public static class CommandEnvironment
{
    private static readonly string[] Inherited = ["PATH", "LANG", "DOTNET_ROOT", "TERM"];

    /// <param name="network">False for every command but setup: tools that would go online for nothing are told not to.</param>
    /// <param name="contained">
    /// True when the sandbox ends every process of a command with it and gives it a private <c>/tmp</c> (bubblewrap's pid
    /// namespace): the C# compiler server may then run, serving the compilations of that one command only (a build of two
    /// projects compiles the second warm: about 4 s of CPU less per build of the sample). On the host it would outlive the
    /// command and serve every squad's builds, with analyzers one squad's code loaded into it, so it stays off there.
    /// </param>
    public static IReadOnlyDictionary<string, string> Create(bool network = false, bool contained = false)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1",
            // Without this, MSBuild leaves worker nodes running after the command, holding files of the worktree.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = contained ? "true" : "false",
            ["CI"] = "true",
            ["SQUAD_AGENT"] = "1",
            // The .NET processes a command starts (MSBuild, the compiler and its server, the test host, dotnet format) live
            // seconds: a method is recompiled optimized after 1,000 calls instead of 30, and without the profile-guided
            // tier (which Squad's own process runs without too). Most of what they recompile early they never call enough
            // to win the compile back: the sample's build and test took 11.6 s of CPU with the runtime's defaults and 7.8 s
            // with these (five runs each, compiler server cold as in the sandbox). Only speed changes, never behaviour; a
            // command line that sets its own (DOTNET_TC_CallCountThreshold=30 dotnet test) wins, as the shell applies it last.
            ["DOTNET_TC_CallCountThreshold"] = "1000",
            ["DOTNET_TieredPGO"] = "0",
        };
        if (!network)
        {
            // NuGet's vulnerability audit needs the network; offline it fails restores that the packages cache satisfies.
            environment["NuGetAudit"] = "false";
        }

        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        environment.TryAdd("PATH", "/usr/local/bin:/usr/bin:/bin");
        environment["NUGET_PACKAGES"] = ToolchainCaches()[0];
        return environment;
    }

    /// <summary>
    /// Toolchain caches the sandbox shows at their own path (read-only but during setup): the NuGet packages folder,
    /// so restored packages are found without the network.
    /// </summary>
    public static IReadOnlyList<string> ToolchainCaches()
    {
        var nuget = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        Directory.CreateDirectory(nuget);
        return [nuget];
    }
}
