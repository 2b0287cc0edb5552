using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Core.Verification;

/// <summary>
/// Runs the base branch's <c>verify</c> commands (the merge guardrails unless <c>.squad.yml</c> names a longer suite) on
/// main's new commit, in a fresh sandboxed copy of exactly that commit, set up on main's content before the merge: no squad's tree, build
/// output or planted file takes part, and the configuration is the one the squad was judged under, never the merged
/// branch's.
/// </summary>
internal sealed class PostMergeVerifier(WorkspaceManager workspaces)
{
    public async Task<PostMergeRecord> VerifyAsync(SquadSession session, string mergeSha, CancellationToken cancellationToken)
    {
        var commands = session.Config.VerifyCommands;
        if (commands.Count == 0)
        {
            await session.ReportAsync(SquadStep.Merge, "post-merge verification: .squad.yml's verify names no command", cancellationToken);
            return new PostMergeRecord { MergeCommitSha = mergeSha, Passed = true };
        }

        await session.ReportAsync(SquadStep.Merge, $"verifying main at {mergeSha[..12]}: {string.Join(", ", commands)}", cancellationToken);
        // Set-up reaches the network, so it runs on the content main had before this merge, never on the merged change.
        var failure = await PristineGuardrails.RunAsync(session, workspaces, mergeSha + "^1", mergeSha, commands, $"{session.Id}-verify", "post-merge verification", cancellationToken);
        return failure is null
            ? new PostMergeRecord { MergeCommitSha = mergeSha, Passed = true }
            : new PostMergeRecord
            {
                MergeCommitSha = mergeSha,
                Passed = false,
                FailedCommand = failure.Name,
                ExitCode = failure.ExitCode,
                Output = failure.Output,
                Signature = FailureSignature.Compute(failure.Name, failure.Output),
            };
    }
}
