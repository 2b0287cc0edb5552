namespace Squad.Benchmark;

/// <summary>
/// The orchestrator's time before each role's first model call of one squad: from the intake to
/// QA's first call, from QA's last response to the Developer's first call, and from the Developer's
/// last response to the later of the two reviewers' first calls.
/// </summary>
internal sealed record SetUpSample
{
    public required string Issue { get; init; }

    public required TimeSpan BeforeQa { get; init; }

    public required TimeSpan BeforeDeveloper { get; init; }

    public required TimeSpan BeforeReviewers { get; init; }

    public TimeSpan Total => BeforeQa + BeforeDeveloper + BeforeReviewers;
}
