namespace Squad.Server.Dashboard;

/// <summary>
/// The kill switch as a file in the data directory. Engaging writes it whole (a temporary file renamed into place) and is
/// idempotent, so a crash or a second press leaves it either absent or complete.
/// </summary>
public sealed class FileMergeStop(string file) : IMergeStop
{
    public Task<bool> IsEngagedAsync(CancellationToken cancellationToken = default) => Task.FromResult(File.Exists(file));

    public async Task SetAsync(bool engaged, string reason, CancellationToken cancellationToken = default)
    {
        if (!engaged)
        {
            File.Delete(file);
            return;
        }

        if (!File.Exists(file))
        {
            var temporary = file + ".tmp";
            await File.WriteAllTextAsync(temporary, reason + "\n", cancellationToken);
            File.Move(temporary, file, overwrite: true);
        }
    }
}
