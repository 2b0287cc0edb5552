using Squad.Core.Domain;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// A read-only role's throwaway copy of the commit it reads, where its commands run: made on its first command (most
/// reviews run none), set up on base-branch content first, and removed when the pass (or the review round) ends. The
/// reviewers of a round share one, one command at a time: the pristine copy the evidence ran in when there is one, so
/// their commands start from the evidence's build. A command already recorded from a pristine copy of the same tree under
/// the same rules is answered from the record (<see cref="Recorded"/>).
/// </summary>
internal sealed class CommandCopy(WorkspaceManager workspaces, SquadSession session, string baseRevision, string head, string name) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Workspace? copy;
    private (string Tree, string SetupTree)? trees;

    /// <summary>Held while a command runs in the copy: commands of two reviewers never run in it at once.</summary>
    public SemaphoreSlim CommandLock { get; } = new(1, 1);

    public async Task<string> PathAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            copy ??= await workspaces.CreateCopyAsync(session.Repository, baseRevision, head, name,
                SquadRunner.SetUpFor(session, cancellationToken, SquadStep.Review), cancellationToken);
            return copy.Path;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Takes over a pristine copy of the same head, set up on the same base (the evidence's): true when this copy had none yet.</summary>
    public bool Adopt(Workspace made)
    {
        if (!gate.Wait(0))
        {
            return false;
        }

        try
        {
            if (copy is not null)
            {
                return false;
            }

            copy = made;
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The outcome of <paramref name="command"/> recorded from a pristine copy of this head under the same rules, or null.</summary>
    public async Task<RecordedCommand?> Recorded(string command, CancellationToken cancellationToken)
    {
        trees ??= await PristineGuardrails.TreesAsync(session, workspaces, baseRevision, head, cancellationToken, SquadStep.Review);
        var (tree, setupTree) = trees.Value;
        var recorded = await session.Services.GuardrailResults.AnswerStepAsync(PristineGuardrails.StepKey(session, tree, setupTree, command), cancellationToken);
        if (recorded is not null)
        {
            await session.ReportAsync(SquadStep.Review, recorded.Note, cancellationToken);
        }

        return recorded;
    }

    public async ValueTask DisposeAsync()
    {
        if (copy is not null)
        {
            await workspaces.RemoveAsync(copy, CancellationToken.None);
        }

        gate.Dispose();
        CommandLock.Dispose();
    }
}
