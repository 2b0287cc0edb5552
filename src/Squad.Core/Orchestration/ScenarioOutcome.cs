namespace Squad.Core.Orchestration;

/// <summary>What a run of the repository's tests says about one acceptance scenario.</summary>
internal enum ScenarioOutcome
{
    /// <summary>No line QA's commits add names the scenario: nothing to judge.</summary>
    Untested,

    /// <summary>A failing line of the output names the scenario's test.</summary>
    Fails,

    /// <summary>The run passed, or it failed on other tests only.</summary>
    Passes,

    /// <summary>The test command failed with no failing test named (it did not build, or did not start): counted as red.</summary>
    RunFailed,

    /// <summary>The tests did not run: an earlier command of the same check failed, or the repository has no <c>test</c> command.</summary>
    NotRun,
}
