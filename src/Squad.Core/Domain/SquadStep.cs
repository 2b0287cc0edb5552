namespace Squad.Core.Domain;

/// <summary>The steps of one squad, in order. Each step's completion is persisted.</summary>
public enum SquadStep
{
    Pending,
    Intake,
    Workspace,
    QaTests,
    Implementation,
    PullRequest,
    Review,
    Fix,
    Merge,
    TrackerUpdate,
    Done,
}
