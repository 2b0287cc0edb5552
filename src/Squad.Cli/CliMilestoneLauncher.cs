using System.Globalization;
using System.Text;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Server;

namespace Squad.Cli;

/// <summary>
/// Runs what Slack asks for exactly as <c>squad run</c> and <c>squad fix</c> would, with <paramref name="defaults"/> for the
/// rest; bare issue identifiers are looked up in <paramref name="issuesFolder"/> when one is given, else in Linear.
/// </summary>
internal sealed class CliMilestoneLauncher(MilestoneRunSettings defaults, string? issuesFolder = null) : IMilestoneLauncher
{
    public Task<LaunchSummary> RunAsync(string reference, ISquadProgress progress, CancellationToken cancellationToken = default)
        => LaunchAsync(defaults with { Request = defaults.Request with { Reference = reference } }, progress, cancellationToken);

    public Task<LaunchSummary> FixAsync(string issue, ISquadProgress progress, CancellationToken cancellationToken = default)
        => LaunchAsync(defaults with { Request = FixTarget.Resolve(issue, issuesFolder, defaults.Request), BugFix = true, Concurrency = 1 }, progress, cancellationToken);

    private static async Task<LaunchSummary> LaunchAsync(MilestoneRunSettings settings, ISquadProgress progress, CancellationToken cancellationToken)
    {
        var result = await MilestoneRun.ExecuteAsync(settings, (_, _) => new RunView { Progress = progress }, cancellationToken);
        return RunSummary.Of(result);
    }

    /// <summary>Runs a scheduled sweep exactly as <c>squad sweep</c> would.</summary>
    public async Task<LaunchSummary> SweepAsync(SweepDefinition sweep, ISquadProgress progress, CancellationToken cancellationToken = default)
    {
        var result = await SweepRun.ExecuteAsync(defaults, sweep, (_, _) => new RunView { Progress = progress }, cancellationToken);
        return new LaunchSummary { RunId = result.RunIds, Succeeded = result.Succeeded, Text = result.Describe() };
    }
}
