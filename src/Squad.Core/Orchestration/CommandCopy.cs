namespace Squad.Core.Orchestration;

/// <summary>
/// A read-only role's throwaway copy of the commit it reads, where its commands run: made on its first command (most
/// reviews run none), set up on base-branch content first, and removed when the pass ends.
/// </summary>
internal sealed class CommandCopy(WorkspaceManager workspaces, SquadSession session, string baseRevision, string head, string name) : IAsyncDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private Workspace? copy;

    public async Task<string> PathAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            copy ??= await workspaces.CreateCopyAsync(session.Repository, baseRevision, head, name,
                path => SquadRunner.SetUpAsync(session, path, cancellationToken), cancellationToken);
            return copy.Path;
        }
        finally
        {
            gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (copy is not null)
        {
            await workspaces.RemoveAsync(copy, CancellationToken.None);
        }

        gate.Dispose();
    }
}
