using Squad.Core;
using Squad.Core.Audit;

namespace Squad.Cli;

/// <summary>Reads an issue's recorded passes of one run from the audit trail and the trajectory store, verifying every hash.</summary>
internal static class TraceReader
{
    private const int RunsSearched = 200;

    public static async Task<(string RunId, IReadOnlyList<TracePass> Passes)> ReadAsync(
        CliHost host, string issue, string? runId, string? role, int? pass, CancellationToken cancellationToken)
    {
        var (run, calls) = await CallsAsync(host, issue, runId, cancellationToken);
        var selected = calls.Where(c => (role is null || c.Role == role) && (pass is null || c.Pass == pass)).ToList();
        if (selected.Count == 0)
        {
            throw new SquadException(SquadErrorCode.InvalidInput,
                $"run {run} has no model call of {issue}{(role is null ? "" : $" by {role}")}{(pass is null ? "" : $" in pass {pass}")}: 'squad audit {run}' lists its calls");
        }

        var trajectories = new Trajectories(host.Trajectories);
        var passes = new List<TracePass>();
        foreach (var group in selected.GroupBy(c => (c.Role, c.Pass)))
        {
            var answers = new List<IReadOnlyList<System.Text.Json.JsonElement>>();
            foreach (var call in group)
            {
                // Every request is read, so every record is verified, not only the last one of the pass.
                _ = await trajectories.ReadRequestAsync(call.RequestSha256, cancellationToken);
                answers.Add(await trajectories.ReadResponseAsync(call.ResponseSha256, cancellationToken));
            }

            var last = await trajectories.ReadRequestAsync(group.Last().RequestSha256, cancellationToken);
            passes.Add(new TracePass
            {
                Role = group.Key.Role,
                Pass = group.Key.Pass,
                Calls = answers.Count,
                Conversation = [.. last, .. answers[^1]],
                Answers = answers,
            });
        }

        return (run, passes);
    }

    /// <summary>The model calls of <paramref name="issue"/> in the given run, or in the latest run that has some.</summary>
    private static async Task<(string Run, List<ModelCallRecord> Calls)> CallsAsync(CliHost host, string issue, string? runId, CancellationToken cancellationToken)
    {
        if (runId is not null)
        {
            _ = await host.Store.GetRunAsync(runId, cancellationToken)
                ?? throw new SquadException(SquadErrorCode.InvalidInput, $"run '{runId}' is not in {host.DataDirectory}: 'squad status' shows the latest run");
            return (runId, [.. (await host.Audit.ListModelCallsAsync(runId, cancellationToken)).Where(c => c.IssueIdentifier == issue)]);
        }

        foreach (var run in await host.Store.ListRunsAsync(RunsSearched, cancellationToken))
        {
            var calls = (await host.Audit.ListModelCallsAsync(run.Id, cancellationToken)).Where(c => c.IssueIdentifier == issue).ToList();
            if (calls.Count > 0)
            {
                return (run.Id, calls);
            }
        }

        throw new SquadException(SquadErrorCode.InvalidInput, $"no run in {host.DataDirectory} has model calls of {issue}: check the identifier, or name the run with --run");
    }
}
