using Microsoft.Data.Sqlite;
using Squad.Core;
using Squad.Core.Audit;
using Squad.Core.Tools;

namespace Squad.Storage.Tests;

public sealed class SqliteAuditLogTests : IDisposable
{
    private readonly StoreFixture fixture = new();

    public void Dispose() => fixture.Dispose();

    [Fact]
    public async Task ListAsync_RecordedCalls_ComeBackWithEveryFieldInTheOrderTheyWereRecorded()
    {
        var runId = (await fixture.OpenStore().CreateRunAsync(TestRecords.NewRun())).Id;
        var log = fixture.OpenAuditLog();
        var first = ModelCall(runId, "ABC-1", "qa", 0.000788123m);
        var second = ModelCall(runId, "ABC-1", "developer", 12.5m) with { Pass = 2, Latency = TimeSpan.FromMilliseconds(1234.5) };
        var tool = ToolCall(runId, "ABC-1", exitCode: 3);
        var withoutCommand = ToolCall(runId, "ABC-1", exitCode: null) with { Tool = ToolNames.ReadFile, Status = ToolCallStatus.Failed };

        await log.RecordModelCallAsync(first);
        await log.RecordModelCallAsync(second);
        await log.RecordToolCallAsync(tool);
        await log.RecordToolCallAsync(withoutCommand);

        Assert.Equal([first, second], await log.ListModelCallsAsync(runId));
        Assert.Equal([tool, withoutCommand], await log.ListToolCallsAsync(runId));
    }

    [Fact]
    public async Task SummarizeRunAsync_CallsOfTwoIssuesAndRoles_AddsThemUpPerIssuePerRoleAndInTotal()
    {
        var store = fixture.OpenStore();
        var runId = (await store.CreateRunAsync(TestRecords.NewRun())).Id;
        var otherRun = (await store.CreateRunAsync(TestRecords.NewRun())).Id;
        var log = fixture.OpenAuditLog();
        await log.RecordModelCallAsync(ModelCall(runId, "ABC-1", "qa", 0.1m));
        await log.RecordModelCallAsync(ModelCall(runId, "ABC-1", "developer", 0.2m));
        await log.RecordModelCallAsync(ModelCall(runId, "ABC-2", "developer", 0.3m));
        await log.RecordModelCallAsync(ModelCall(otherRun, "ABC-2", "developer", 5m));

        var summary = await log.SummarizeRunAsync(runId);

        Assert.Equal(Usage(2, 0.3m), summary.ByIssue["ABC-1"]);
        Assert.Equal(Usage(1, 0.3m), summary.ByIssue["ABC-2"]);
        Assert.Equal(Usage(2, 0.5m), summary.ByRole["developer"]);
        Assert.Equal(Usage(1, 0.1m), summary.ByRole["qa"]);
        Assert.Equal(Usage(3, 0.6m), summary.Total);
    }

    [Fact]
    public async Task SpendByIssueAsync_CallsOverTwoRunsOfTheMilestone_AddsThemUpAndLeavesOtherMilestonesOut()
    {
        var store = fixture.OpenStore();
        var first = (await store.CreateRunAsync(TestRecords.NewRun())).Id;
        var second = (await store.CreateRunAsync(TestRecords.NewRun())).Id;
        var elsewhere = (await store.CreateRunAsync(TestRecords.NewRun("milestones/other"))).Id;
        var log = fixture.OpenAuditLog();
        await log.RecordModelCallAsync(ModelCall(first, "ABC-1", "qa", 0.25m));
        await log.RecordModelCallAsync(ModelCall(second, "ABC-1", "developer", 0.5m));
        await log.RecordModelCallAsync(ModelCall(elsewhere, "ABC-1", "developer", 7m));

        var spent = await log.SpendByIssueAsync(TestRecords.MilestoneKey);

        Assert.Equal(Usage(2, 0.75m), Assert.Single(spent).Value);
    }

    [Fact]
    public async Task RecordModelCallAsync_RunNotInStore_ThrowsStorageError()
    {
        var log = fixture.OpenAuditLog();

        var error = await Assert.ThrowsAsync<SquadException>(() => log.RecordModelCallAsync(ModelCall("run-404", "ABC-1", "qa", 1m)));

        Assert.Equal(SquadErrorCode.Storage, error.Code);
        Assert.Empty(await log.ListModelCallsAsync("run-404"));
    }

    [Fact]
    public async Task FirstUse_VersionOneDatabase_GainsTheAuditTablesAndKeepsItsRuns()
    {
        var runId = (await fixture.OpenStore().CreateRunAsync(TestRecords.NewRun())).Id;
        await ExecuteAsync(
            "DROP TABLE model_calls; DROP TABLE tool_calls; ALTER TABLE squads DROP COLUMN diagnosis; " +
            "ALTER TABLE squads DROP COLUMN regression_check; ALTER TABLE squads DROP COLUMN pending_effects; " +
            "ALTER TABLE squads DROP COLUMN conflict_rounds; ALTER TABLE squads DROP COLUMN queued_at; ALTER TABLE squads DROP COLUMN queue_wait_ms; ALTER TABLE squads DROP COLUMN issue_url; ALTER TABLE squads DROP COLUMN post_merge; DROP TABLE healer_attempts; DELETE FROM schema_version WHERE version >= 2;");

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
            var runId = (await store.CreateRunAsync(TestRecords.NewRun())).Id;
            await store.SaveSquadAsync(TestRecords.Squad(runId, "ABC-1"));
        }

        await ExecuteAsync("ALTER TABLE squads DROP COLUMN diagnosis; ALTER TABLE squads DROP COLUMN regression_check; ALTER TABLE squads DROP COLUMN pending_effects; " +
            "ALTER TABLE squads DROP COLUMN conflict_rounds; ALTER TABLE squads DROP COLUMN queued_at; ALTER TABLE squads DROP COLUMN queue_wait_ms; ALTER TABLE squads DROP COLUMN issue_url; ALTER TABLE squads DROP COLUMN post_merge; DROP TABLE healer_attempts; DELETE FROM schema_version WHERE version >= 3;");

        using var reopened = fixture.OpenStore();
        var squad = await reopened.GetSquadAsync(TestRecords.MilestoneKey, "ABC-1");
        await reopened.SaveSquadAsync(squad! with { Diagnosis = "## Diagnosis" });

        Assert.Null(squad.Diagnosis);
        Assert.Equal("## Diagnosis", (await reopened.GetSquadAsync(TestRecords.MilestoneKey, "ABC-1"))!.Diagnosis);
    }

    [Fact]
    public async Task FirstUse_VersionThreeDatabase_GainsThePendingEffectsAndKeepsItsSquads()
    {
        using (var store = fixture.OpenStore())
        {
            var runId = (await store.CreateRunAsync(TestRecords.NewRun())).Id;
            await store.SaveSquadAsync(TestRecords.Squad(runId, "ABC-1") with { Effects = ["tracker:started"] });
        }

        await ExecuteAsync("ALTER TABLE squads DROP COLUMN pending_effects; ALTER TABLE squads DROP COLUMN conflict_rounds; ALTER TABLE squads DROP COLUMN queued_at; ALTER TABLE squads DROP COLUMN queue_wait_ms; ALTER TABLE squads DROP COLUMN issue_url; ALTER TABLE squads DROP COLUMN post_merge; DROP TABLE healer_attempts; DELETE FROM schema_version WHERE version >= 4;");

        using var reopened = fixture.OpenStore();
        var squad = await reopened.GetSquadAsync(TestRecords.MilestoneKey, "ABC-1");
        await reopened.SaveSquadAsync(squad! with { PendingEffects = ["tracker:pr-comment"] });

        Assert.Empty(squad.PendingEffects);
        Assert.Equal(["tracker:started"], squad.Effects);
        Assert.Equal(["tracker:pr-comment"], (await reopened.GetSquadAsync(TestRecords.MilestoneKey, "ABC-1"))!.PendingEffects);
    }

    [Fact]
    public async Task FirstUse_VersionFourDatabase_GainsTheMergeQueueColumnsAndKeepsItsSquads()
    {
        using (var store = fixture.OpenStore())
        {
            var runId = (await store.CreateRunAsync(TestRecords.NewRun())).Id;
            await store.SaveSquadAsync(TestRecords.Squad(runId, "ABC-1") with { Effects = ["tracker:started"] });
        }

        await ExecuteAsync("ALTER TABLE squads DROP COLUMN conflict_rounds; ALTER TABLE squads DROP COLUMN queued_at; ALTER TABLE squads DROP COLUMN queue_wait_ms; ALTER TABLE squads DROP COLUMN issue_url; ALTER TABLE squads DROP COLUMN post_merge; DROP TABLE healer_attempts; DELETE FROM schema_version WHERE version >= 5;");

        using var reopened = fixture.OpenStore();
        var squad = await reopened.GetSquadAsync(TestRecords.MilestoneKey, "ABC-1");
        var queuedAt = new DateTimeOffset(2026, 12, 4, 8, 0, 0, TimeSpan.Zero);
        await reopened.SaveSquadAsync(squad! with { ConflictRounds = 2, QueuedAt = queuedAt, QueueWait = TimeSpan.FromSeconds(90) });

        Assert.Equal(0, squad.ConflictRounds);
        Assert.Null(squad.QueuedAt);
        var saved = (await reopened.GetSquadAsync(TestRecords.MilestoneKey, "ABC-1"))!;
        Assert.Equal((2, queuedAt, TimeSpan.FromSeconds(90)), (saved.ConflictRounds, saved.QueuedAt, saved.QueueWait));
        Assert.Equal(["tracker:started"], saved.Effects);
    }

    [Fact]
    public async Task FirstUse_VersionFiveDatabase_GainsTheIssueAddressAndKeepsItsSquads()
    {
        using (var store = fixture.OpenStore())
        {
            var runId = (await store.CreateRunAsync(TestRecords.NewRun())).Id;
            await store.SaveSquadAsync(TestRecords.Squad(runId, "ABC-1") with { Effects = ["tracker:started"] });
        }

        await ExecuteAsync("ALTER TABLE squads DROP COLUMN issue_url; ALTER TABLE squads DROP COLUMN post_merge; DROP TABLE healer_attempts; DELETE FROM schema_version WHERE version >= 6;");

        using var reopened = fixture.OpenStore();
        var squad = await reopened.GetSquadAsync(TestRecords.MilestoneKey, "ABC-1");
        await reopened.SaveSquadAsync(squad! with { IssueUrl = "https://linear.app/acme/issue/ABC-1" });

        Assert.Null(squad.IssueUrl);
        Assert.Equal(["tracker:started"], squad.Effects);
        Assert.Equal("https://linear.app/acme/issue/ABC-1", (await reopened.GetSquadAsync(TestRecords.MilestoneKey, "ABC-1"))!.IssueUrl);
    }

    private static Usage Usage(long calls, decimal cost) => new() { Calls = calls, InputTokens = 1000 * calls, OutputTokens = 200 * calls, CostUsd = cost };

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

    private static ToolCallRecord ToolCall(string runId, string issue, int? exitCode) => new()
    {
        RunId = runId,
        IssueIdentifier = issue,
        Role = "developer",
        Pass = 1,
        Tool = ToolNames.RunCommand,
        Arguments = "{\"name\":\"test\"}",
        Status = ToolCallStatus.Ok,
        ExitCode = exitCode,
        Duration = TimeSpan.FromMilliseconds(2500),
        At = new DateTimeOffset(2025, 3, 14, 10, 0, 1, TimeSpan.Zero),
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
