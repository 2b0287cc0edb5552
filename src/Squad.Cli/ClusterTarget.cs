using Squad.Cluster;
using Squad.Core;

namespace Squad.Cli;

/// <summary>What cluster mode requires before anything is written: a connection string, and a forge every node shares.</summary>
internal static class ClusterTarget
{
    /// <summary>The connection string from <c>--cluster</c>, else <c>SQUAD_CLUSTER</c>, else <see langword="null"/> (no cluster mode).</summary>
    public static string? Connection(string? option, Func<string, string?> variables)
        => option is { Length: > 0 } ? option : variables(ClusterSettings.Variable) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// The local forge is bare repositories and a SQLite file in one data directory: one machine's. Cluster mode works
    /// on GitHub, except for a one-machine test cluster whose nodes share a forge folder named with --dev-local-forge.
    /// </summary>
    /// <exception cref="SquadException">A local milestone without <c>--dev-local-forge</c>.</exception>
    public static void EnsureSharedForge(string reference, string? devLocalForge)
    {
        var local = reference.Length > 0 && !reference.Contains("://", StringComparison.Ordinal);
        if (local && devLocalForge is null)
        {
            throw new SquadException(SquadErrorCode.InvalidInput,
                $"cluster mode works on GitHub, and '{reference}' is a local milestone whose forge is on this machine only: give a Linear milestone URL, or --dev-local-forge FOLDER for a test cluster of nodes on one machine");
        }
    }
}
