using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Core.Verification;

/// <summary>
/// Runs the base branch's <c>verify</c> commands (the merge guardrails unless <c>.squad.yml</c> names a longer suite) on
/// main's new commit, in a fresh sandboxed copy of exactly that commit, set up on its own content: no squad's tree, build
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
        var copy = await workspaces.CreateCopyAsync(session.Repository, mergeSha, mergeSha, $"{session.Id}-verify",
            path => SquadRunner.SetUpAsync(session, path, cancellationToken), cancellationToken);
        try
        {
            var failure = await session.Services.Commands(session.Config).RunUntilFailureAsync(commands, copy.Path, cancellationToken);
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
        finally
        {
            await workspaces.RemoveAsync(copy, CancellationToken.None);
        }
    }
}
