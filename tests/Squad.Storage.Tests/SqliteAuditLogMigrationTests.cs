using Microsoft.Data.Sqlite;
using Squad.Core;
using Squad.Core.Audit;
using Squad.Core.Tools;

namespace Squad.Storage.Tests;

public sealed class SqliteAuditLogMigrationTests : IDisposable
{
    private readonly StoreFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task FirstUse_VersionOneDatabase_GainsTheAuditTablesAndKeepsItsRuns()
    {
        var runId = (await fixture.OpenStore().CreateRunAsync(StoreRecords.NewRun())).Id;
        await ExecuteAsync(
            "DROP TABLE model_calls; DROP TABLE tool_calls; ALTER TABLE squads DROP COLUMN diagnosis; " +
            "ALTER TABLE squads DROP COLUMN regression_check; ALTER TABLE squads DROP COLUMN pending_effects; " +
            "ALTER TABLE squads DROP COLUMN conflict_rounds; ALTER TABLE squads DROP COLUMN queued_at; ALTER TABLE squads DROP COLUMN queue_wait_ms; ALTER TABLE squads DROP COLUMN issue_url; ALTER TABLE squads DROP COLUMN post_merge; DROP TABLE healer_attempts; DROP TABLE webhook_deliveries; DROP TABLE guardrail_results; DELETE FROM schema_version WHERE version >= 2;");

        var log = fixture.OpenAuditLog();
        await log.RecordModelCallAsync(ModelCall(runId, "ABC-1", "qa", 1m));

        Assert.Single(await log.ListModelCallsAsync(runId));
        Assert.Single(await fixture.OpenStore().ListRunsAsync());
    }

    [Fact]
    public async Task FirstUse_VersionTwoDatabase_GainsTheBugFixColumnsAndKeepsItsSquads()
    {
        using (var store = fixture.OpenStore())
        {
            var runId = (await store.CreateRunAsync(StoreRecords.NewRun())).Id;
            await store.SaveSquadAsync(StoreRecords.Squad(runId, "ABC-1"));
        }

        await ExecuteAsync("ALTER TABLE squads DROP COLUMN diagnosis; ALTER TABLE squads DROP COLUMN regression_check; ALTER TABLE squads DROP COLUMN pending_effects; " +
            "ALTER TABLE squads DROP COLUMN conflict_rounds; ALTER TABLE squads DROP COLUMN queued_at; ALTER TABLE squads DROP COLUMN queue_wait_ms; ALTER TABLE squads DROP COLUMN issue_url; ALTER TABLE squads DROP COLUMN post_merge; DROP TABLE healer_attempts; DROP TABLE webhook_deliveries; DROP TABLE guardrail_results; DELETE FROM schema_version WHERE version >= 3;");

        using var reopened = fixture.OpenStore();
        var squad = await reopened.GetSquadAsync(StoreRecords.MilestoneKey, "ABC-1");
        await reopened.SaveSquadAsync(squad! with { Diagnosis = "## Diagnosis" });

        Assert.Null(squad.Diagnosis);
        Assert.Equal("## Diagnosis", (await reopened.GetSquadAsync(StoreRecords.MilestoneKey, "ABC-1"))!.Diagnosis);
    }

    [Fact]
    public async Task FirstUse_VersionThreeDatabase_GainsThePendingEffectsAndKeepsItsSquads()
    {
        using (var store = fixture.OpenStore())
        {
            var runId = (await store.CreateRunAsync(StoreRecords.NewRun())).Id;
            await store.SaveSquadAsync(StoreRecords.Squad(runId, "ABC-1") with { Effects = ["tracker:started"] });
        }

        await ExecuteAsync("ALTER TABLE squads DROP COLUMN pending_effects; ALTER TABLE squads DROP COLUMN conflict_rounds; ALTER TABLE squads DROP COLUMN queued_at; ALTER TABLE squads DROP COLUMN queue_wait_ms; ALTER TABLE squads DROP COLUMN issue_url; ALTER TABLE squads DROP COLUMN post_merge; DROP TABLE healer_attempts; DROP TABLE webhook_deliveries; DROP TABLE guardrail_results; DELETE FROM schema_version WHERE version >= 4;");

        using var reopened = fixture.OpenStore();
        var squad = await reopened.GetSquadAsync(StoreRecords.MilestoneKey, "ABC-1");
        await reopened.SaveSquadAsync(squad! with { PendingEffects = ["tracker:pr-comment"] });

        Assert.Empty(squad.PendingEffects);
        Assert.Equal(["tracker:started"], squad.Effects);
        Assert.Equal(["tracker:pr-comment"], (await reopened.GetSquadAsync(StoreRecords.MilestoneKey, "ABC-1"))!.PendingEffects);
    }

    [Fact]
    public async Task FirstUse_VersionFourDatabase_GainsTheMergeQueueColumnsAndKeepsItsSquads()
    {
        using (var store = fixture.OpenStore())
        {
            var runId = (await store.CreateRunAsync(StoreRecords.NewRun())).Id;
            await store.SaveSquadAsync(StoreRecords.Squad(runId, "ABC-1") with { Effects = ["tracker:started"] });
        }

        await ExecuteAsync("ALTER TABLE squads DROP COLUMN conflict_rounds; ALTER TABLE squads DROP COLUMN queued_at; ALTER TABLE squads DROP COLUMN queue_wait_ms; ALTER TABLE squads DROP COLUMN issue_url; ALTER TABLE squads DROP COLUMN post_merge; DROP TABLE healer_attempts; DROP TABLE webhook_deliveries; DROP TABLE guardrail_results; DELETE FROM schema_version WHERE version >= 5;");

        using var reopened = fixture.OpenStore();
        var squad = await reopened.GetSquadAsync(StoreRecords.MilestoneKey, "ABC-1");
        var queuedAt = new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);
        await reopened.SaveSquadAsync(squad! with { ConflictRounds = 2, QueuedAt = queuedAt, QueueWait = TimeSpan.FromSeconds(90) });

        Assert.Equal(0, squad.ConflictRounds);
        Assert.Null(squad.QueuedAt);
        var saved = (await reopened.GetSquadAsync(StoreRecords.MilestoneKey, "ABC-1"))!;
        Assert.Equal((2, queuedAt, TimeSpan.FromSeconds(90)), (saved.ConflictRounds, saved.QueuedAt, saved.QueueWait));
        Assert.Equal(["tracker:started"], saved.Effects);
    }

    [Fact]
    public async Task FirstUse_VersionFiveDatabase_GainsTheIssueAddressAndKeepsItsSquads()
    {
        using (var store = fixture.OpenStore())
        {
            var runId = (await store.CreateRunAsync(StoreRecords.NewRun())).Id;
            await store.SaveSquadAsync(StoreRecords.Squad(runId, "ABC-1") with { Effects = ["tracker:started"] });
        }

        await ExecuteAsync("ALTER TABLE squads DROP COLUMN issue_url; ALTER TABLE squads DROP COLUMN post_merge; DROP TABLE healer_attempts; DROP TABLE webhook_deliveries; DROP TABLE guardrail_results; DELETE FROM schema_version WHERE version >= 6;");

        using var reopened = fixture.OpenStore();
        var squad = await reopened.GetSquadAsync(StoreRecords.MilestoneKey, "ABC-1");
        await reopened.SaveSquadAsync(squad! with { IssueUrl = "https://linear.app/acme/issue/ABC-1" });

        Assert.Null(squad.IssueUrl);
        Assert.Equal(["tracker:started"], squad.Effects);
        Assert.Equal("https://linear.app/acme/issue/ABC-1", (await reopened.GetSquadAsync(StoreRecords.MilestoneKey, "ABC-1"))!.IssueUrl);
    }

    private static ModelCallRecord ModelCall(string runId, string issue, string role, decimal cost) => new()
    {
        RunId = runId,
        IssueIdentifier = issue,
        Role = role,
        Pass = 1,
        Provider = "openai",
        ModelId = "gpt-4.1-2025-04-14",
        RequestSha256 = new string('a', 64),
        ResponseSha256 = new string('b', 64),
        InputTokens = 1000,
        OutputTokens = 200,
        CostUsd = cost,
        Latency = TimeSpan.FromMilliseconds(850),
        At = new DateTimeOffset(2025, 3, 14, 10, 0, 0, TimeSpan.Zero),
    };

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
