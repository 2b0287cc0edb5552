using Squad.Core;
using Squad.Core.Orchestration;
using Squad.Core.Verification;
using Squad.Server;

namespace Squad.Cli;

/// <summary>
/// The Healer for <c>squad serve</c>'s GitHub webhook: on the milestone a sweep with <c>heal: true</c> names for the
/// repository, exactly as that sweep's healing and <c>squad heal</c> do (same ledger, budget and cool-down per cause).
/// </summary>
internal sealed class CliRepositoryHealer(MilestoneRunSettings defaults, IReadOnlyDictionary<string, RunTargetRequest> targets) : IRepositoryHealer
{
    public async Task<LaunchSummary> HealAsync(string repository, ISquadProgress progress, CancellationToken cancellationToken = default)
    {
        if (!targets.TryGetValue(repository, out var target))
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                $"no sweep with 'heal: true' in squad.yml covers {repository}: add one naming its milestone, then restart squad serve");
        }

        var healing = await HealRun.HealAsync(defaults, target, (_, _) => new RunView { Progress = progress }, cancellationToken);
        if (healing.Run is { } run)
        {
            var summary = RunSummary.Of(run);
            return summary with { Text = $"Healer: {healing.Message}\n{summary.Text}" };
        }

        return new LaunchSummary { RunId = "none", Succeeded = healing.Kind == HealerVerdictKind.Green, Text = "Healer: " + healing.Message };
    }
}
