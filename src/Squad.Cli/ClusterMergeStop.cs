using Squad.Server.Dashboard;
using Squad.Storage.Postgres;

namespace Squad.Cli;

/// <summary>
/// <c>squad serve --cluster</c>'s dashboard button on the cluster's kill switch (one row in PostgreSQL): it stops merges on
/// every node, whose workers mirror the row into their own <c>STOP-MERGES</c> file within a second or two.
/// </summary>
internal sealed class ClusterMergeStop(PostgresKillSwitch killSwitch) : IMergeStop
{
    public async Task<bool> IsEngagedAsync(CancellationToken cancellationToken = default) => await killSwitch.ReasonAsync(cancellationToken) is not null;

    public async Task SetAsync(bool engaged, string reason, CancellationToken cancellationToken = default)
    {
        if (!engaged)
        {
            await killSwitch.ReleaseAsync(cancellationToken);
        }
        else if (!await IsEngagedAsync(cancellationToken))
        {
            await killSwitch.EngageAsync(reason.Replace("delete this file", "squad stop-merges --release --cluster", StringComparison.Ordinal), cancellationToken);
        }
    }
}
