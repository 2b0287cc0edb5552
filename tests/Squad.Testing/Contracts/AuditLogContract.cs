using Squad.Core;
using Squad.Core.Audit;
using Squad.Core.Tools;
using Xunit;

namespace Squad.Testing.Contracts;

/// <summary>The contract of <see cref="IAuditLog"/>: model and tool calls, and their sums, as every engine must keep them.</summary>
public abstract class AuditLogContract : StoreContract
{
    [StoreContractFact]
    public async Task ListAsync_RecordedCalls_ComeBackWithEveryFieldInTheOrderTheyWereRecorded()
    {
        var runId = (await OpenStore().CreateRunAsync(StoreRecords.NewRun())).Id;
        var log = OpenAuditLog();
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

    [StoreContractFact]
    public async Task SummarizeRunAsync_CallsOfTwoIssuesAndRoles_AddsThemUpPerIssuePerRoleAndInTotal()
    {
        var store = OpenStore();
        var runId = (await store.CreateRunAsync(StoreRecords.NewRun())).Id;
        var otherRun = (await store.CreateRunAsync(StoreRecords.NewRun())).Id;
        var log = OpenAuditLog();
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

    [StoreContractFact]
    public async Task SpendByIssueAsync_CallsOverTwoRunsOfTheMilestone_AddsThemUpAndLeavesOtherMilestonesOut()
    {
        var store = OpenStore();
        var first = (await store.CreateRunAsync(StoreRecords.NewRun())).Id;
        var second = (await store.CreateRunAsync(StoreRecords.NewRun())).Id;
        var elsewhere = (await store.CreateRunAsync(StoreRecords.NewRun("milestones/other"))).Id;
        var log = OpenAuditLog();
        await log.RecordModelCallAsync(ModelCall(first, "ABC-1", "qa", 0.25m));
        await log.RecordModelCallAsync(ModelCall(second, "ABC-1", "developer", 0.5m));
        await log.RecordModelCallAsync(ModelCall(elsewhere, "ABC-1", "developer", 7m));

        var spent = await log.SpendByIssueAsync(StoreRecords.MilestoneKey);

        Assert.Equal(Usage(2, 0.75m), Assert.Single(spent).Value);
    }

    [StoreContractFact]
    public async Task RecordModelCallAsync_RunNotInStore_ThrowsStorageError()
    {
        var log = OpenAuditLog();

        var error = await Assert.ThrowsAsync<SquadException>(() => log.RecordModelCallAsync(ModelCall("run-404", "ABC-1", "qa", 1m)));

        Assert.Equal(SquadErrorCode.Storage, error.Code);
        Assert.Empty(await log.ListModelCallsAsync("run-404"));
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
}
