using Squad.Core.Domain;

namespace Squad.Linear;

/// <summary>Between Linear's workflow state types and Squad's; review is a started state with the configured name.</summary>
internal static class LinearStateTypes
{
    public static IssueStateType ToDomain(string type, string name, string reviewStateName) => type switch
    {
        "triage" or "backlog" => IssueStateType.Backlog,
        "unstarted" => IssueStateType.Unstarted,
        "started" when name.Equals(reviewStateName, StringComparison.OrdinalIgnoreCase) => IssueStateType.Review,
        "started" => IssueStateType.Started,
        "completed" => IssueStateType.Completed,
        "canceled" or "duplicate" => IssueStateType.Canceled,
        _ => IssueStateType.Backlog,
    };

    public static string ToLinear(IssueStateType type) => type switch
    {
        IssueStateType.Backlog => "backlog",
        IssueStateType.Unstarted => "unstarted",
        IssueStateType.Started or IssueStateType.Review => "started",
        IssueStateType.Completed => "completed",
        IssueStateType.Canceled => "canceled",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a state type"),
    };

    public static bool IsDone(string? type) => type is "completed" or "canceled" or "duplicate";
}
