using Squad.Core.Configuration;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// The rules a merge must pass, whatever the reviewers said: both approvals on the exact head,
/// the repository's guardrails green on it, no protected path, a bounded diff, no kill switch.
/// </summary>
internal sealed class MergeGate(GitCli git, string? killSwitchFile, TimeProvider time, TimeSpan checksTimeout)
{
    public async Task<GateDecision> EvaluateAsync(GateInput input, CancellationToken cancellationToken = default)
    {
        if (killSwitchFile is not null && File.Exists(killSwitchFile))
        {
            return GateDecision.Hold($"merges are stopped by the kill switch ({killSwitchFile})");
        }

        foreach (var reviewer in input.Reviewers)
        {
            var latest = input.Reviews.LastOrDefault(r => r.Author == reviewer.Login);
            if (latest is null || latest.Verdict != Verdict.Approve || latest.CommitSha != input.HeadSha)
            {
                return GateDecision.ChangesNeeded($"{reviewer.Login} has not approved {input.HeadSha[..12]}");
            }
        }

        if (!input.Config.MergeGuardrailsDeclared)
        {
            return GateDecision.Hold($"the base branch's {Configuration.RepositoryConfig.FileName} declares no merge guardrails, so a person merges; declare them, or 'merge: []' to merge on the reviews alone");
        }

        var diff = await DiffSize.MeasureAsync(git, input.ClonePath, input.BaseSha, input.HeadSha, cancellationToken);
        var protectedPaths = input.Config.ProtectedPaths.Append(Configuration.RepositoryConfig.FileName).ToList();
        var touched = diff.Paths.FirstOrDefault(f => protectedPaths.Any(p => PathGlob.IsMatch(p, f)));
        if (touched is not null)
        {
            return GateDecision.Hold($"the pull request touches the protected path {touched}: a person must merge it");
        }

        if (diff.Lines > input.Config.MaxDiffLines)
        {
            return GateDecision.Hold($"the diff has {diff.Lines} changed lines, over the limit of {input.Config.MaxDiffLines}");
        }

        if (diff.Bytes > input.Config.MaxDiffBytes)
        {
            return GateDecision.Hold($"the diff changes {diff.Bytes:N0} bytes (binary files count by size), over the limit of {input.Config.MaxDiffBytes:N0} bytes");
        }

        var failure = await RunGuardrailsAsync(input, cancellationToken);
        if (failure is not null)
        {
            return GateDecision.ChangesNeeded($"the guardrail '{failure.Name}' fails on {input.HeadSha[..12]} (exit {failure.ExitCode}):\n```\n{failure.Output}\n```");
        }

        var checks = await WaitForChecksAsync(input, cancellationToken);
        return checks.State switch
        {
            ChecksState.Passing => GateDecision.Pass(),
            ChecksState.Failing => GateDecision.ChangesNeeded($"the code host's checks fail on {input.HeadSha[..12]}: {checks.Summary}"),
            _ => GateDecision.Hold($"the code host's checks on {input.HeadSha[..12]} are still pending after {checksTimeout.TotalMinutes:0} minutes: {checks.Summary}"),
        };
    }

    /// <summary>The base branch's merge guardrails, in a fresh sandboxed checkout of the exact head.</summary>
    private static async Task<CommandOutcome?> RunGuardrailsAsync(GateInput input, CancellationToken cancellationToken)
    {
        if (input.Config.Merge.Count == 0 || !input.TestHead)
        {
            return null;
        }

        var checkout = await input.CreateCheckoutAsync(cancellationToken);
        try
        {
            return await input.Commands.RunUntilFailureAsync(input.Config.Merge, checkout.Path, cancellationToken);
        }
        finally
        {
            await input.RemoveCheckoutAsync(checkout);
        }
    }

    /// <summary>Asks the host until its checks settle, or the timeout passes.</summary>
    private async Task<ChecksResult> WaitForChecksAsync(GateInput input, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + checksTimeout;
        var interval = TimeSpan.FromSeconds(15);
        while (true)
        {
            var checks = await input.Host.GetChecksAsync(input.Repository, input.HeadSha, cancellationToken);
            if (checks.State != ChecksState.Pending || time.GetUtcNow() >= deadline)
            {
                return checks;
            }

            await Task.Delay(interval, time, cancellationToken);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, TimeSpan.FromMinutes(2).Ticks));
        }
    }
}
