using Squad.Core.Domain;

namespace Squad.Local.Tracking;

/// <summary>The state names an issue file may use, and the state type each maps to.</summary>
internal static class IssueStates
{
    public const string Accepted = "backlog, todo, in progress, in review, done, canceled";

    private static readonly Dictionary<string, IssueStateType> ByName = new(StringComparer.OrdinalIgnoreCase)
    {
        ["backlog"] = IssueStateType.Backlog,
        ["todo"] = IssueStateType.Unstarted,
        ["in progress"] = IssueStateType.Started,
        ["in review"] = IssueStateType.Review,
        ["done"] = IssueStateType.Completed,
        ["canceled"] = IssueStateType.Canceled,
        ["cancelled"] = IssueStateType.Canceled,
    };

    /// <summary>The state of an issue file that names none.</summary>
    public static string Default => NameOf(IssueStateType.Unstarted);

    public static bool TryParse(string name, out IssueStateType stateType) =>
        ByName.TryGetValue(name.Trim(), out stateType);

    /// <summary>The name written to the file for a state type.</summary>
    public static string NameOf(IssueStateType stateType) => stateType switch
    {
        IssueStateType.Backlog => "backlog",
        IssueStateType.Unstarted => "todo",
        IssueStateType.Started => "in progress",
        IssueStateType.Review => "in review",
        IssueStateType.Completed => "done",
        IssueStateType.Canceled => "canceled",
        _ => throw new ArgumentOutOfRangeException(nameof(stateType), stateType, "Unknown issue state type."),
    };
}
