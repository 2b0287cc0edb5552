using Squad.Core.Audit;
using Squad.Core.Orchestration;
using Squad.Storage.Postgres;
using Squad.Testing;

namespace Squad.Storage.Postgres.Tests;

/// <summary>The audit log contract on PostgreSQL: a fresh database per test on the server CI starts.</summary>
[NeedsPostgres]
public sealed class PostgresAuditLogContractTests : AuditLogContract
{
    private TestPostgres? database;

    private string ConnectionString => database?.ConnectionString ?? throw new InvalidOperationException("the test database is not created yet");

    public override async Task InitializeAsync() => database = await TestPostgres.CreateAsync();

    protected override IRunStore CreateRunStore(TimeProvider clock, Func<string>? newRunId) => new PostgresRunStore(ConnectionString, clock, newRunId);

    protected override IAuditLog CreateAuditLog(TimeProvider clock) => new PostgresAuditLog(ConnectionString, clock);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (database is not null)
        {
            await database.DisposeAsync();
        }
    }
}
