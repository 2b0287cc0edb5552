namespace Squad.Core.Domain;

/// <summary>The steps of one squad, in order. Each step's completion is persisted.</summary>
public enum SquadStep
{
    Pending,

    /// <summary>A triggered bug fix: the Diagnostician's hypothesis, fix plan and scenario.</summary>
    Diagnosis,
    Intake,
    Workspace,
    QaTests,

    /// <summary>A bug fix: the QA agent's regression test must fail before the fix.</summary>
    RegressionCheck,
    Implementation,
    PullRequest,
    Review,
    Fix,
    Merge,
    TrackerUpdate,
    Done,
}
