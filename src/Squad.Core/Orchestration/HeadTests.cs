using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// The repository's tests at a review round's head, run by the orchestrator in a pristine sandboxed copy before the
/// reviewers start: what their briefing's fail→pass table reads.
/// </summary>
/// <param name="HeadSha">The commit tested.</param>
/// <param name="Failure">The first command that failed (its redacted output), or null when all passed.</param>
/// <param name="NotRun">Why the tests did not run (no <c>test</c> command); null when they did.</param>
internal sealed record HeadTests(string HeadSha, CommandOutcome? Failure, string? NotRun = null);
