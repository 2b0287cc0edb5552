namespace Squad.Core.Tools;

/// <summary>Runs a command holding a shared copy's lock, when it has one.</summary>
internal static class CommandLocks
{
    public static async Task<T> HoldingAsync<T>(SemaphoreSlim? gate, Func<Task<T>> run, CancellationToken cancellationToken)
    {
        if (gate is null)
        {
            return await run();
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return await run();
        }
        finally
        {
            gate.Release();
        }
    }
}
