using System.CommandLine;
using System.Globalization;
using Squad.Server.Dashboard;
using Squad.Storage.Postgres;

namespace Squad.Cli;

/// <summary><c>squad stop-merges</c>: the kill switch from the command line, here or for a whole cluster.</summary>
internal sealed partial class SquadCommands
{
    private Command StopMergesCommand()
    {
        var release = new Option<bool>("--release") { Description = "Allow merges again." };
        var command = new Command("stop-merges", "The kill switch: stop every merge now (the merge gate holds each approved pull request), or allow them again with --release. With --cluster, for every node of the cluster.")
        {
            release, dataDir, cluster,
        };
        // No data-directory lock: stopping merges while a run holds the directory is what the switch is for.
        command.SetAction((parse, cancellationToken) => GuardAsync(async () =>
        {
            var engaged = !parse.GetValue(release);
            var connection = ClusterTarget.Connection(parse.GetValue(cluster), Environment.GetEnvironmentVariable);
            var reason = string.Create(CultureInfo.InvariantCulture, $"merges stopped with squad stop-merges at {DateTimeOffset.UtcNow:O}; squad stop-merges --release allows them again");
            string where;
            if (connection is not null)
            {
                using var killSwitch = new PostgresKillSwitch(connection, TimeProvider.System);
                await new ClusterMergeStop(killSwitch).SetAsync(engaged, reason, cancellationToken);
                where = $"every node of the cluster on {PostgresConnection.Describe(connection)}";
            }
            else
            {
                var directory = Path.GetFullPath(parse.GetValue(dataDir) ?? CliHost.DefaultDataDirectory());
                Directory.CreateDirectory(directory);
                await new FileMergeStop(Path.Combine(directory, "STOP-MERGES")).SetAsync(engaged, reason, cancellationToken);
                where = $"runs on the data directory {directory}";
            }

            await output.WriteLineAsync(engaged ? $"merges stopped for {where}" : $"merges allowed again for {where}");
            return 0;
        }));
        return command;
    }
}
