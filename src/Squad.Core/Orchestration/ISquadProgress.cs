using Squad.Core.Domain;

namespace Squad.Core.Orchestration;

/// <summary>Receives each squad's step changes while a milestone runs (the CLI's live view, Slack later).</summary>
public interface ISquadProgress
{
    void Report(string issueIdentifier, SquadStep squadStep, string message);

    /// <summary>
    /// The squad's place in the merge queue and its foresight ("overlaps CHK-5 on src/Checkout/Cart.cs", "queued, 1 ahead");
    /// empty when there is nothing to say. Shown beside the step, not instead of it.
    /// </summary>
    void ReportQueue(string issueIdentifier, string note)
    {
    }
}
