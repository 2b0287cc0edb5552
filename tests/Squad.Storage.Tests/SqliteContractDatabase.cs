using Squad.Core.Audit;
using Squad.Core.Orchestration;

namespace Squad.Storage.Tests;

/// <summary>A state database path in a fresh temporary folder that does not exist yet; removed by <see cref="Delete"/>.</summary>
internal sealed class SqliteContractDatabase
{
    private readonly string root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "squad-storage-tests", Guid.NewGuid().ToString("N"));

    public string Path => System.IO.Path.Combine(root, "state", "squad.db");

    public IRunStore RunStore(TimeProvider clock, Func<string>? newRunId) => new SqliteRunStore(Path, clock, newRunId);

    public IAuditLog AuditLog(TimeProvider clock) => new SqliteAuditLog(Path, clock);

    /// <summary>Removes the folder; the stores on it must be closed first.</summary>
    public void Delete()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
