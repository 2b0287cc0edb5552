using Squad.Storage;
using Squad.Testing;

namespace Squad.Storage.Tests;

/// <summary>A database path in a fresh temporary folder, a fixed clock, and the stores opened on it; all removed on dispose.</summary>
internal sealed class StoreFixture : IDisposable
{
    private readonly List<IDisposable> stores = [];
    private int lastRunNumber;

    public StoreFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "squad-storage-tests", Guid.NewGuid().ToString("N"));

        // A folder that does not exist yet: the store must create it.
        DatabasePath = Path.Combine(Root, "state", "squad.db");
    }

    public string Root { get; }

    public string DatabasePath { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero));

    /// <summary>A store on the fixture's file; run ids run-1, run-2, ... across all stores of the fixture.</summary>
    public SqliteRunStore OpenStore()
    {
        var store = new SqliteRunStore(DatabasePath, Clock, () => $"run-{Interlocked.Increment(ref lastRunNumber)}");
        stores.Add(store);
        return store;
    }

    /// <summary>An audit log on the fixture's file.</summary>
    public SqliteAuditLog OpenAuditLog()
    {
        var log = new SqliteAuditLog(DatabasePath, Clock);
        stores.Add(log);
        return log;
    }

    public void Dispose()
    {
        foreach (var store in stores)
        {
            store.Dispose();
        }

        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
