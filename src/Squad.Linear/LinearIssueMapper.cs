using Squad.Core.Domain;

namespace Squad.Linear;

/// <summary>Linear's issue fields to Squad's <see cref="Issue"/>.</summary>
internal static class LinearIssueMapper
{
    public static Issue ToDomain(LinearIssue issue, string reviewStateName)
    {
        var node = issue.Node;
        return new Issue
        {
            Identifier = node.Identifier,
            Title = node.Title,
            Description = node.Description ?? "",
            State = node.State.Name,
            StateType = LinearStateTypes.ToDomain(node.State.Type, node.State.Name, reviewStateName),
            Labels = [.. issue.Labels.Select(l => l.Name)],
            Priority = (int)Math.Round(node.Priority),
            Estimate = node.Estimate,
            BlockedBy = BlockedBy(issue),
            BranchName = string.IsNullOrWhiteSpace(node.BranchName) ? null : node.BranchName,
            Url = node.Url,
        };
    }

    // "A blocks B" is stored on A; B sees it among its inverse relations, with A in `issue`. A blocker already
    // done in Linear no longer holds the issue back, wherever it lives.
    private static IReadOnlyList<string> BlockedBy(LinearIssue issue) =>
    [
        .. issue.InverseRelations
            .Where(r => r.Type == "blocks" && r.Issue.Identifier != issue.Node.Identifier && !LinearStateTypes.IsDone(r.Issue.State?.Type))
            .Select(r => r.Issue.Identifier)
            .Distinct(StringComparer.Ordinal),
    ];
}
