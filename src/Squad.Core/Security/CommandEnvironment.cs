namespace Squad.Core.Security;

/// <summary>
/// The environment of commands agents cause to run: an allow-list, so no orchestrator secret
/// (tracker, code host, model, Slack) can reach them, whatever the variable is called.
/// </summary>
public static class CommandEnvironment
{
    private static readonly string[] Inherited = ["PATH", "HOME", "LANG", "TMPDIR", "DOTNET_ROOT", "NUGET_PACKAGES", "TERM"];

    public static IReadOnlyDictionary<string, string> Create()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            // Without this, MSBuild leaves worker nodes running after the command, holding files of the worktree.
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["UseSharedCompilation"] = "false",
            ["CI"] = "true",
            ["SQUAD_AGENT"] = "1",
        };
        foreach (var name in Inherited)
        {
            if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } value)
            {
                environment[name] = value;
            }
        }

        environment.TryAdd("PATH", "/usr/local/bin:/usr/bin:/bin");
        return environment;
    }
}
