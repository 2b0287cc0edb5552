using Squad.Core.Audit;
using Squad.Core.Orchestration;
using Squad.Testing.Contracts;

namespace Squad.Storage.Tests;

/// <summary>The run store's event contract on SQLite: a file in a temporary folder that does not exist yet (the store creates it).</summary>
public sealed class SqliteRunEventContractTests : RunEventContract
{
    private readonly SqliteContractDatabase database = new();

    protected override IRunStore CreateRunStore(TimeProvider clock, Func<string>? newRunId) => database.RunStore(clock, newRunId);

    protected override IAuditLog CreateAuditLog(TimeProvider clock) => database.AuditLog(clock);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        database.Delete();
    }
}
