namespace Squad.Core.Domain;

/// <summary>Workflow state categories, named as Linear names its state types.</summary>
public enum IssueStateType
{
    Backlog,
    Unstarted,
    Started,
    Review,
    Completed,
    Canceled,
}
