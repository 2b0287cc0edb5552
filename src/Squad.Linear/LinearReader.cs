using System.Text.Json.Nodes;
using Squad.Core.Tracking;

namespace Squad.Linear;

/// <summary>The read side: a milestone's issues (every page), a project's milestone by name, one issue.</summary>
internal sealed class LinearReader(LinearClient client)
{
    private static LinearJsonContext Json => LinearJsonContext.Default;

    /// <summary>The milestone and every issue in it, each with all its labels and relations.</summary>
    public async Task<(MilestoneNode Milestone, IReadOnlyList<LinearIssue> Issues)> ReadMilestoneAsync(
        string milestoneId, CancellationToken cancellationToken)
    {
        MilestoneNode? milestone = null;
        var nodes = await LinearPaging.AllAsync(null, async after =>
        {
            var data = await client.ExecuteAsync(
                LinearDocuments.MilestoneIssues, Page(milestoneId, after), Json.GraphQLResponseLinearData,
                $"Linear has no milestone {milestoneId} this key can see: check the URL, or that the key belongs to its workspace",
                cancellationToken);
            milestone ??= data.ProjectMilestone;
            return data.ProjectMilestone?.Issues ?? throw LinearFailures.Malformed("MilestoneIssues", 200);
        }, $"milestone {milestoneId}'s issues");

        var issues = new List<LinearIssue>(nodes.Count);
        foreach (var node in nodes)
        {
            issues.Add(await CompleteAsync(node, cancellationToken));
        }

        return (milestone!, issues);
    }

    /// <summary>The project and every issue of it that passes <paramref name="filter"/> (Linear filters), each complete.</summary>
    public async Task<(ProjectNode Project, IReadOnlyList<LinearIssue> Issues)> ReadProjectIssuesAsync(
        string slugId, IssueFilter filter, CancellationToken cancellationToken)
    {
        ProjectNode? project = null;
        var nodes = await LinearPaging.AllAsync(null, async after =>
        {
            var variables = Page(slugId, after);
            variables["filter"] = Filter(filter);
            var data = await client.ExecuteAsync(
                LinearDocuments.ProjectIssues, variables, Json.GraphQLResponseLinearData,
                $"Linear has no project {slugId} this key can see: check the URL, or that the key belongs to its workspace",
                cancellationToken);
            project ??= data.Project;
            return data.Project?.Issues ?? throw LinearFailures.Malformed("ProjectIssues", 200);
        }, $"project {slugId}'s issues");

        var issues = new List<LinearIssue>(nodes.Count);
        foreach (var node in nodes)
        {
            issues.Add(await CompleteAsync(node, cancellationToken));
        }

        return (project!, issues);
    }

    /// <summary>The id of the milestone named <paramref name="name"/> (without case) in the project <paramref name="slugId"/>.</summary>
    public async Task<string> FindMilestoneAsync(string slugId, string name, CancellationToken cancellationToken)
    {
        ProjectNode? project = null;
        var milestones = await LinearPaging.AllAsync(null, async after =>
        {
            var data = await client.ExecuteAsync(
                LinearDocuments.ProjectMilestones, Page(slugId, after), Json.GraphQLResponseLinearData,
                $"Linear has no project {slugId} this key can see: check the URL, or that the key belongs to its workspace",
                cancellationToken);
            project ??= data.Project;
            return data.Project?.ProjectMilestones ?? throw LinearFailures.Malformed("ProjectMilestones", 200);
        }, $"project {slugId}'s milestones");

        var match = milestones.FirstOrDefault(m => m.Name.Trim().Equals(name, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
        {
            return match.Id;
        }

        var names = milestones.Count == 0 ? "it has none" : $"it has {string.Join(", ", milestones.Select(m => $"'{m.Name}'"))}";
        throw new Core.SquadException(
            Core.SquadErrorCode.InvalidInput,
            $"project '{project?.Name}' has no milestone named '{name}' ({names}): pass one of those to --milestone");
    }

    /// <summary>One issue by identifier or id, with all its labels and relations.</summary>
    public async Task<LinearIssue> ReadIssueAsync(string identifier, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(
            LinearDocuments.Issue, new JsonObject { ["id"] = identifier }, Json.GraphQLResponseLinearData,
            $"Linear has no issue {identifier} this key can see: check the URL, or that the key belongs to its workspace",
            cancellationToken);
        return await CompleteAsync(data.Issue ?? throw LinearFailures.Malformed("Issue", 200), cancellationToken);
    }

    /// <summary>The bodies of every comment on the issue (an identifier or an id), oldest first.</summary>
    public async Task<IReadOnlyList<string>> ReadCommentsAsync(string identifier, CancellationToken cancellationToken)
    {
        var comments = await LinearPaging.AllAsync(null, async after =>
            (await ConnectionsAsync(LinearDocuments.IssueComments, identifier, after, cancellationToken)).Comments
            ?? throw LinearFailures.Malformed("IssueComments", 200), $"{identifier}'s comments");
        return [.. comments.Select(c => c.Body)];
    }

    // The milestone query reads the first 20 labels and relations of each issue; an issue with more gets the rest here.
    private async Task<LinearIssue> CompleteAsync(IssueNode node, CancellationToken cancellationToken)
    {
        var labels = await LinearPaging.AllAsync(node.Labels, async after =>
            (await ConnectionsAsync(LinearDocuments.IssueLabels, node.Id, after, cancellationToken)).Labels
            ?? throw LinearFailures.Malformed("IssueLabels", 200), $"{node.Identifier}'s labels");
        var relations = await LinearPaging.AllAsync(node.InverseRelations, async after =>
            (await ConnectionsAsync(LinearDocuments.IssueInverseRelations, node.Id, after, cancellationToken)).InverseRelations
            ?? throw LinearFailures.Malformed("IssueInverseRelations", 200), $"{node.Identifier}'s relations");
        return new LinearIssue { Node = node, Labels = labels, InverseRelations = relations };
    }

    private async Task<IssueConnectionsNode> ConnectionsAsync(string document, string issueId, string? after, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(
            document, Page(issueId, after), Json.GraphQLResponseIssueConnectionsData, cancellationToken: cancellationToken);
        return data.Issue ?? throw LinearFailures.Malformed(LinearDocuments.NameOf(document), 200);
    }

    /// <summary>Linear's <c>IssueFilter</c> for a state name and a label name, both compared without case.</summary>
    private static JsonObject Filter(IssueFilter filter)
    {
        var json = new JsonObject();
        if (filter.State is { } state)
        {
            json["state"] = new JsonObject { ["name"] = new JsonObject { ["eqIgnoreCase"] = state.Trim() } };
        }

        if (filter.Label is { } label)
        {
            json["labels"] = new JsonObject { ["name"] = new JsonObject { ["eqIgnoreCase"] = label.Trim() } };
        }

        return json;
    }

    private static JsonObject Page(string id, string? after) =>
        new() { ["id"] = id, ["first"] = LinearDocuments.PageSize, ["after"] = after };
}
