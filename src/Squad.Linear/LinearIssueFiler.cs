using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Tracking;

namespace Squad.Linear;

/// <summary>
/// Files issues (the Healer's stubs) with <c>issueCreate</c> in the team, project and milestone of a loaded milestone.
/// A draft's marker is looked for first (<c>issues</c> filtered on the description), so filing again after a kill finds
/// the issue and files nothing.
/// </summary>
internal sealed class LinearIssueFiler(LinearClient client, LinearWriter writer)
{
    private readonly ConcurrentDictionary<string, Place> places = new(StringComparer.Ordinal);

    private static LinearJsonContext Json => LinearJsonContext.Default;

    /// <summary>Remembers where a loaded milestone lives in Linear: its first issue's team and project, and the milestone.</summary>
    public void Remember(string milestoneKey, IReadOnlyList<LinearIssue> issues)
    {
        const string prefix = "linear:milestone:";
        if (issues.Count > 0)
        {
            var node = issues[0].Node;
            places[milestoneKey] = new Place(node.Team.Id, node.Project?.Id, milestoneKey.StartsWith(prefix, StringComparison.Ordinal) ? milestoneKey[prefix.Length..] : null);
        }
    }

    public async Task<string> CreateAsync(Milestone milestone, IssueDraft draft, CancellationToken cancellationToken)
    {
        if (!places.TryGetValue(milestone.Key, out var place))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"cannot file '{draft.Title}' in '{milestone.Name}': load the milestone from Linear first");
        }

        var found = await client.ExecuteAsync(
            LinearDocuments.IssuesByMarker, new JsonObject { ["teamId"] = place.TeamId, ["marker"] = draft.Marker }, Json.GraphQLResponseLinearData, cancellationToken: cancellationToken);
        var nodes = (found.Issues ?? throw LinearFailures.Malformed("IssuesByMarker", 200)).Nodes;
        var issue = nodes.Count > 0 ? nodes[0] : await FileAsync(place, draft, cancellationToken);
        writer.Remember(issue.Id, issue.Identifier);
        foreach (var label in draft.Labels)
        {
            await writer.SetLabelAsync(issue.Identifier, label, present: true, cancellationToken);
        }

        return issue.Identifier;
    }

    private async Task<FiledIssueNode> FileAsync(Place place, IssueDraft draft, CancellationToken cancellationToken)
    {
        var variables = new JsonObject
        {
            ["teamId"] = place.TeamId,
            ["title"] = draft.Title,
            ["description"] = draft.Body,
            ["projectId"] = place.ProjectId,
            ["projectMilestoneId"] = place.MilestoneId,
        };
        var data = await client.ExecuteAsync(LinearDocuments.IssueCreate, variables, Json.GraphQLResponseLinearData, cancellationToken: cancellationToken);
        return data.IssueCreate is { Success: true, Issue: { } issue } ? issue : throw LinearFailures.Refused("IssueCreate");
    }

    private sealed record Place(string TeamId, string? ProjectId, string? MilestoneId);
}
