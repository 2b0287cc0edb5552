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

        var files = await ChangedFilesAsync(input, cancellationToken);
        var touched = files.Select(f => f.Path).FirstOrDefault(f => input.Config.ProtectedPaths.Any(p => PathGlob.IsMatch(p, f)));
        if (touched is not null)
        {
            return GateDecision.Hold($"the pull request touches the protected path {touched}: a person must merge it");
        }

        var size = files.Sum(f => f.Lines);
        if (size > input.Config.MaxDiffLines)
        {
            return GateDecision.Hold($"the diff has {size} changed lines, over the limit of {input.Config.MaxDiffLines}");
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
        if (input.Config.Merge.Count == 0)
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

    private async Task<List<(string Path, int Lines)>> ChangedFilesAsync(GateInput input, CancellationToken cancellationToken)
    {
        var output = await git.RunAsync(input.ClonePath, ["diff", "--no-ext-diff", "--no-textconv", "--numstat", "-z", $"{input.BaseSha}...{input.HeadSha}"], cancellationToken: cancellationToken);
        var result = new List<(string, int)>();
        foreach (var entry in output.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = entry.Split('\t');
            if (parts.Length == 3)
            {
                var lines = (int.TryParse(parts[0], out var added) ? added : 0) + (int.TryParse(parts[1], out var removed) ? removed : 0);
                result.Add((parts[2], lines));
            }
        }

        return result;
    }
}
