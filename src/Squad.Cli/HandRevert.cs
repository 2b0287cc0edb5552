using System.Globalization;
using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Core.Verification;
using Squad.Linear;

namespace Squad.Cli;

/// <summary>
/// <c>squad revert ISSUE|PR</c>: finds the squad that merged the issue (or the pull request) in the data directory and
/// reverts its merge by the path post-merge verification takes. Bad input is one line and exit 2, before anything is written.
/// </summary>
internal static class HandRevert
{
    public static async Task<(SquadRecord Squad, string Line)> RunAsync(MilestoneRunSettings settings, string target, CancellationToken cancellationToken)
    {
        using var host = CliHost.Open(settings.DataDirectory);
        var (squad, run) = await FindAsync(host, target, cancellationToken);
        if (RevertRunner.Refusal(squad) is { } refusal)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"cannot revert '{target}': {refusal}");
        }

        var agents = CliHost.LoadAgents(settings.AgentsDirectory, settings.PromptsDirectory);
        var request = squad.MilestoneKey.StartsWith("linear:", StringComparison.Ordinal) || LinearUrl.IsLinearUrl(squad.MilestoneKey)
            ? new RunTargetRequest { Reference = "", Issue = squad.IssueIdentifier, ConfigFile = settings.Request.ConfigFile, Repository = run.Repository }
            : new RunTargetRequest { Reference = squad.MilestoneKey, Issue = squad.IssueIdentifier };
        using var opened = await RunTarget.OpenAsync(host, request, agents, cancellationToken);
        var issue = opened.Milestone.Issues.Single();
        var services = host.CreateServices(agents, new NoModels("squad revert by a person"), 1, new NullProgress(), settings.Sandbox)
            with
        { Tracker = opened.Tracker, CodeHost = opened.CodeHost };
        services = services.WithRedactedWrites();
        var newRun = await host.Store.CreateRunAsync(new NewRun
        {
            MilestoneKey = squad.MilestoneKey,
            MilestoneName = run.MilestoneName,
            Repository = run.Repository,
            Model = services.Models.Description,
        }, cancellationToken);
        var settled = await new RevertRunner(services).RevertAsync(newRun.Id, issue, squad, run.Repository, "a person (squad revert)", cancellationToken);
        await host.Store.CompleteRunAsync(newRun.Id, settled.Outcome == SquadOutcome.Reverted ? RunStatus.Completed : RunStatus.Failed, cancellationToken);
        var post = settled.PostMerge!;
        var line = settled.Outcome == SquadOutcome.Reverted
            ? $"{settled.IssueIdentifier}: reverted {post.MergeCommitSha[..12]} by PR #{post.RevertPullRequestNumber} ({post.RevertPullRequestUrl}), merged as {post.RevertMergeSha}; the issue is open again with {RevertRunner.RevertedLabel}"
            : $"{settled.IssueIdentifier}: needs a person: {settled.Reason}";
        return (settled, line);
    }

    /// <summary>The newest squad of the data directory for the issue identifier, or for the pull request number (<c>7</c> or <c>#7</c>).</summary>
    private static async Task<(SquadRecord Squad, RunRecord Run)> FindAsync(CliHost host, string target, CancellationToken cancellationToken)
    {
        var text = target.Trim();
        var number = int.TryParse(text.TrimStart('#'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (int?)null;
        if (number is null && !LinearUrl.IsIssueIdentifier(text))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"cannot revert '{target}': name the issue by its identifier (NOTE-1) or the pull request by its number (#3)");
        }

        (SquadRecord Squad, RunRecord Run)? found = null;
        foreach (var run in await host.Store.ListRunsAsync(1000, cancellationToken))
        {
            foreach (var squad in await host.Store.ListSquadsAsync(run.Id, cancellationToken))
            {
                var matches = number is { } pr ? squad.PullRequestNumber == pr : squad.IssueIdentifier.Equals(text, StringComparison.OrdinalIgnoreCase);
                if (matches && (found is null || squad.UpdatedAt > found.Value.Squad.UpdatedAt))
                {
                    found = (squad, run);
                }
            }
        }

        return found ?? throw new SquadException(SquadErrorCode.InvalidInput,
            $"cannot revert '{target}': no squad in {host.DataDirectory} worked on {(number is null ? "issue " + text.ToUpperInvariant() : "pull request #" + number)}; 'squad status' lists what ran");
    }

    private sealed class NullProgress : ISquadProgress
    {
        public void Report(string issueIdentifier, SquadStep squadStep, string message)
        {
        }
    }
}
