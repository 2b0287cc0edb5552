using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Xunit;

namespace Squad.Testing.Contracts;

/// <summary>The contract of <see cref="IRunStore"/>'s events, for every engine.</summary>
public abstract class RunEventContract : StoreContract
{
    [StoreContractFact]
    public async Task ListEventsAsync_AppendedEvents_ReturnedInAppendOrderForTheRunOnly()
    {
        var store = OpenStore();
        var run = await store.CreateRunAsync(StoreRecords.NewRun());
        var other = await store.CreateRunAsync(StoreRecords.NewRun());
        var at = Clock.UtcNow;

        // Same timestamps on purpose: order comes from the append, not the clock.
        SquadEvent[] expected =
        [
            Event(run.Id, "ABC-2", SquadStep.Intake, "accepted", at),
            Event(run.Id, "ABC-10", SquadStep.Intake, "refused: no acceptance criteria", at),
            Event(run.Id, "ABC-2", SquadStep.Workspace, "branch squad/abc-2 ready", at),
            Event(run.Id, "ABC-2", SquadStep.QaTests, "3 failing tests written", at.AddSeconds(5)),
        ];
        await store.AppendEventAsync(Event(other.Id, "ABC-2", SquadStep.Intake, "other run", at));
        foreach (var squadEvent in expected)
        {
            await store.AppendEventAsync(squadEvent);
        }

        var events = await store.ListEventsAsync(run.Id);

        Assert.Equal(expected, events);
    }

    [StoreContractFact]
    public async Task ListEventsAsync_RunWithoutEvents_ReturnsEmpty()
    {
        var store = OpenStore();
        var run = await store.CreateRunAsync(StoreRecords.NewRun());

        Assert.Empty(await store.ListEventsAsync(run.Id));
    }

    private static SquadEvent Event(string runId, string issue, SquadStep step, string message, DateTimeOffset at) => new()
    {
        RunId = runId,
        IssueIdentifier = issue,
        Step = step,
        Message = message,
        At = at,
    };
}
