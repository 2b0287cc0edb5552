using Squad.Core.Audit;
using Squad.Core.Orchestration;
using Xunit;

namespace Squad.Testing.Contracts;

/// <summary>
/// What the store contract suites share: a fixed clock, run ids run-1, run-2, ... across every store a test opens, and
/// the stores of the engine under test (SQLite, PostgreSQL), all on one database, closed after the test.
/// </summary>
public abstract class StoreContract : IAsyncLifetime
{
    private readonly List<IDisposable> opened = [];
    private int lastRunNumber;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2025, 3, 14, 9, 26, 53, TimeSpan.Zero));

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync()
    {
        foreach (var store in opened)
        {
            store.Dispose();
        }

        return Task.CompletedTask;
    }

    /// <summary>A run store of the engine on the test's database; <paramref name="newRunId"/> null means the engine's own ids.</summary>
    protected abstract IRunStore CreateRunStore(TimeProvider clock, Func<string>? newRunId);

    /// <summary>An audit log of the engine on the same database as the run stores.</summary>
    protected abstract IAuditLog CreateAuditLog(TimeProvider clock);

    /// <summary>A run store whose runs are numbered run-1, run-2, ... across all stores of the test.</summary>
    protected IRunStore OpenStore() => Track(CreateRunStore(Clock, () => $"run-{Interlocked.Increment(ref lastRunNumber)}"));

    protected IRunStore OpenStoreWithDefaultRunIds(TimeProvider clock) => Track(CreateRunStore(clock, null));

    protected IAuditLog OpenAuditLog() => Track(CreateAuditLog(Clock));

    private T Track<T>(T store)
    {
        if (store is IDisposable disposable)
        {
            opened.Add(disposable);
        }

        return store;
    }
}
