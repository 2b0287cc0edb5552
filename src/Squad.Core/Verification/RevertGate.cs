using Squad.Core.Forge;
using Squad.Core.Orchestration;

namespace Squad.Core.Verification;

/// <summary>
/// How a revert pull request is approved: by rules, without agent reviews. It merges when it is exactly one commit whose
/// change is exactly the inverse of the merge it reverts (compared by git's patch id, so nothing else can ride along), the
/// base branch's merge guardrails pass on it in a fresh sandboxed copy, and the kill switch is off. Anything else (an
/// extra commit, a revert git could not make cleanly, a red guardrail) goes to a person.
/// </summary>
internal sealed class RevertGate(WorkspaceManager workspaces)
{
    public async Task<GateDecision> EvaluateAsync(SquadSession session, PullRequest revert, string mergeSha, CancellationToken cancellationToken)
    {
        var services = session.Services;
        if (services.Options.KillSwitchFile is { } killSwitch && File.Exists(killSwitch))
        {
            return GateDecision.Hold($"merges are stopped by the kill switch ({killSwitch})");
        }

        var commits = await services.CodeHost.ListCommitsAsync(session.Repository.Name, revert.Number, cancellationToken);
        if (commits.Count != 1 || commits[0].Sha != revert.HeadSha)
        {
            return GateDecision.Hold($"the revert pull request #{revert.Number} holds {commits.Count} commits, not the one revert Squad made");
        }

        var clone = await workspaces.EnsureCloneAsync(session.Repository, cancellationToken);
        var merged = await PatchIdAsync(session, clone, $"{mergeSha}^", mergeSha, cancellationToken);
        var undone = await PatchIdAsync(session, clone, revert.HeadSha, $"{revert.HeadSha}^", cancellationToken);
        if (merged.Length == 0 || merged != undone)
        {
            return GateDecision.Hold($"the revert pull request #{revert.Number} is not exactly the inverse of {mergeSha[..12]}");
        }

        if (session.Config.Merge.Count == 0)
        {
            return GateDecision.Pass();
        }

        var baseRef = $"refs/remotes/origin/{session.Repository.DefaultBranch}";
        var copy = await workspaces.CreateCopyAsync(session.Repository, baseRef, revert.HeadSha, $"{session.Id}-revert-gate",
            SquadRunner.SetUpFor(session, cancellationToken), cancellationToken);
        try
        {
            var failure = await services.Commands(session.Config).RunUntilFailureAsync(session.Config.Merge, copy.Path, cancellationToken);
            return failure is null
                ? GateDecision.Pass()
                : GateDecision.Hold($"the merge guardrail '{failure.Name}' fails on the revert {revert.HeadSha[..12]} (exit {failure.ExitCode})");
        }
        finally
        {
            await workspaces.RemoveAsync(copy, CancellationToken.None);
        }
    }

    /// <summary>git's stable patch id of the change from <paramref name="from"/> to <paramref name="to"/>; empty for no change.</summary>
    private static async Task<string> PatchIdAsync(SquadSession session, string clone, string from, string to, CancellationToken cancellationToken)
    {
        var git = session.Services.Git;
        var diff = await git.RunAsync(clone, ["diff", "--no-ext-diff", "--no-textconv", "--binary", "--full-index", from, to], cancellationToken: cancellationToken);
        var id = await git.RunAsync(clone, ["patch-id", "--stable"], standardInput: diff, cancellationToken: cancellationToken);
        return id.Split(' ', 2)[0].Trim();
    }
}
