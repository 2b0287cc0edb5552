using Squad.Core;
using Squad.Core.Verification;
using Squad.Local.Tracking;
using Squad.Server;

namespace Squad.Cli;

/// <summary>
/// The GitHub webhook of <c>squad serve</c>, from <c>GITHUB_WEBHOOK_SECRET</c> and the sweeps with <c>heal: true</c>:
/// each such sweep's first milestone of a repository is where the Healer files that repository's stubs.
/// </summary>
internal static class GitHubWebhookServe
{
    public const string SecretVariable = "GITHUB_WEBHOOK_SECRET";

    /// <returns>The route's options (null: off) and the startup line that says which.</returns>
    /// <exception cref="SquadException">The secret is too short to resist guessing.</exception>
    public static (GitHubWebhookOptions? Options, string Line) Compose(
        MilestoneRunSettings runs, IReadOnlyList<SweepDefinition> sweeps, bool cluster, Func<string, string?> environment, IWebhookDeliveries deliveries)
    {
        var secret = environment(SecretVariable)?.Trim();
        if (string.IsNullOrEmpty(secret))
        {
            return (null, $"squad serve: POST /github/webhook is off: set {SecretVariable} to the secret of the repository's webhook to turn it on");
        }

        if (secret.Length < 16)
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                $"{SecretVariable} is shorter than 16 characters: use a long random one (e.g. 'openssl rand -hex 24') here and in the webhook's settings on GitHub");
        }

        if (cluster)
        {
            return (null, "squad serve: POST /github/webhook is off in cluster mode: heal with a sweep with 'heal: true' or 'squad heal' instead");
        }

        var targets = Targets(runs, sweeps);
        var options = new GitHubWebhookOptions
        {
            Secret = secret,
            Repositories = targets.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase),
            Healer = new CliRepositoryHealer(runs, targets),
            Deliveries = deliveries,
        };
        return (options, targets.Count == 0
            ? "squad serve: POST /github/webhook on, but no sweep in squad.yml has 'heal: true' with a known repository: every delivery is ignored"
            : $"squad serve: POST /github/webhook on: a failed check_suite or workflow_run on the default branch of {string.Join(", ", targets.Keys)} starts the Healer");
    }

    /// <summary>Per repository, the first milestone of a healing sweep that names it (a local folder's <c>milestone.yml</c>, else the sweep's or serve's <c>--repository</c>).</summary>
    private static Dictionary<string, RunTargetRequest> Targets(MilestoneRunSettings runs, IReadOnlyList<SweepDefinition> sweeps)
    {
        var targets = new Dictionary<string, RunTargetRequest>(StringComparer.OrdinalIgnoreCase);
        foreach (var sweep in sweeps.Where(s => s.Heal))
        {
            foreach (var reference in sweep.Project is null ? sweep.Milestones : [sweep.Project])
            {
                var repository = RunTarget.IsLocal(reference)
                    ? LocalTracker.ReadMilestoneFile(reference).Repository
                    : sweep.Repository ?? runs.Request.Repository;
                if (repository is not null)
                {
                    targets.TryAdd(repository, runs.Request with { Reference = reference, MilestoneName = null, Repository = sweep.Repository ?? runs.Request.Repository });
                }
            }
        }

        return targets;
    }
}
