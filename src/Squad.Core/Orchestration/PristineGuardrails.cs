using Squad.Core.Domain;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// Guardrails on exactly one tree, in a fresh sandboxed copy with no git metadata, set up (with network) on base content
/// only: the merge queue's test of a merge result and post-merge verification. Their outcome is recorded by tree and rules
/// (<see cref="GuardrailResults"/>), so the same tree under the same rules is tested once.
/// </summary>
internal static class PristineGuardrails
{
    /// <param name="session">The squad, its configuration (the base branch's) and services.</param>
    /// <param name="workspaces">Where copies are made.</param>
    /// <param name="baseRevision">What set-up runs on: base content, never an agent's.</param>
    /// <param name="head">The commit or tree tested.</param>
    /// <param name="names">The commands, in order; the first failure stops them.</param>
    /// <param name="copyName">The copy's folder name.</param>
    /// <param name="what">How progress names the check when it reuses a result.</param>
    /// <param name="cancellationToken">Stops the commands.</param>
    /// <param name="step">The step progress reports a reused result under.</param>
    public static async Task<CommandOutcome?> RunAsync(SquadSession session, WorkspaceManager workspaces, string baseRevision, string head,
        IReadOnlyList<string> names, string copyName, string what, CancellationToken cancellationToken, SquadStep step = SquadStep.Merge)
    {
        var services = session.Services;
        var clone = await workspaces.EnsureCloneAsync(session.Repository, cancellationToken);
        var tree = await TreeOfAsync(services, clone, head, cancellationToken);
        var setupTree = await TreeOfAsync(services, clone, baseRevision, cancellationToken);
        var key = GuardrailResults.Key(tree, setupTree, names, session.Config, services.Sandbox.Info.Description);
        var (failure, reused) = await services.GuardrailResults.GetOrRunAsync(key, async () =>
        {
            var copy = await workspaces.CreateCopyAsync(session.Repository, baseRevision, head, copyName,
                path => SquadRunner.SetUpAsync(session, path, cancellationToken), cancellationToken);
            try
            {
                return await services.Commands(session.Config).RunUntilFailureAsync(names, copy.Path, cancellationToken);
            }
            finally
            {
                await workspaces.RemoveAsync(copy, CancellationToken.None);
            }
        });
        if (reused)
        {
            var outcome = failure is null ? "passed" : $"'{failure.Name}' failed";
            await session.ReportAsync(step,
                $"{what}: tree {tree[..12]} already ran {string.Join(", ", names)} in the sandbox under the same rules ({outcome}): result reused, not run again", cancellationToken);
        }

        return failure;
    }

    /// <summary>The tree of a commit, or the tree itself: what a copy's files are.</summary>
    private static async Task<string> TreeOfAsync(SquadServices services, string clone, string revision, CancellationToken cancellationToken)
        => (await services.Git.RunAsync(clone, ["rev-parse", "--verify", "--end-of-options", revision + "^{tree}"], cancellationToken: cancellationToken)).Trim();
}
