using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Squad.Linear.Tests.Fakes;

/// <summary>
/// Answers the operations Squad sends, by operation name, with the shapes of Linear's schema. It is not a GraphQL
/// engine: the contract test checks the documents against the real schema; this checks what the client does with answers.
/// </summary>
public sealed partial class FakeLinearResolver(FakeLinearStore store)
{
    public FakeLinearAnswer Resolve(FakeLinearRequest request)
    {
        var v = request.Variables;
        return request.OperationName switch
        {
            "MilestoneIssues" => MilestoneIssues(request, Text(v, "id")),
            "ProjectMilestones" => ProjectMilestones(v),
            "ProjectIssues" => ProjectIssues(request),
            "Issue" => WithIssue(Text(v, "id"), issue => Data("issue", IssueJson(request.Query, issue))),
            "IssueLabels" => WithIssue(Text(v, "id"), issue => Data("issue", new JsonObject { ["labels"] = Page(LabelsOf(issue), v) })),
            "IssueInverseRelations" => WithIssue(Text(v, "id"), issue => Data("issue", new JsonObject { ["inverseRelations"] = Page(RelationsTo(issue), v) })),
            "IssueComments" => WithIssue(Text(v, "id"), issue => Data("issue", new JsonObject { ["comments"] = Page(CommentsOf(issue), v) })),
            "IssueRef" => WithIssue(Text(v, "id"), IssueRef),
            "TeamStates" => Data("workflowStates", Page(store.States.Where(s => s.TeamId == Text(v, "teamId")).Select(StateJson), v)),
            "LabelsByName" => Data("issueLabels", Page(store.Labels.Where(l => l.Name.Equals(Text(v, "name"), StringComparison.OrdinalIgnoreCase)).Select(LabelJson), v)),
            "IssueUpdateState" => WithIssue(Text(v, "id"), issue => UpdateState(issue, Text(v, "stateId"))),
            "IssueUpdateLabels" => WithIssue(Text(v, "id"), issue => UpdateLabels(issue, v)),
            "IssueLabelCreate" => CreateLabel(Text(v, "name"), Text(v, "teamId")),
            "CommentCreate" => WithIssue(Text(v, "issueId"), issue => Comment(issue, Text(v, "body"))),
            "IssuesByMarker" => IssuesByMarker(v),
            "IssueCreate" => CreateIssue(v),
            "AttachmentLinkURL" => WithIssue(Text(v, "issueId"), issue => Attach(issue, Text(v, "url"), v["title"]?.GetValue<string>())),
            _ => FakeLinearAnswers.Error(400, $"Unknown operation {request.OperationName}", "invalid input", "INPUT_ERROR"),
        };
    }

    private FakeLinearAnswer MilestoneIssues(FakeLinearRequest request, string id)
    {
        var milestone = store.Milestones.FirstOrDefault(m => m.Id == id);
        if (milestone is null)
        {
            return FakeLinearAnswers.NotFound("ProjectMilestone");
        }

        var project = store.Projects.Single(p => p.Id == milestone.ProjectId);
        var issues = store.Issues.Where(i => i.MilestoneId == id).Select(i => IssueJson(request.Query, i));
        return Data("projectMilestone", new JsonObject
        {
            ["id"] = milestone.Id,
            ["name"] = milestone.Name,
            ["project"] = new JsonObject { ["id"] = project.Id, ["name"] = project.Name },
            ["issues"] = Page(issues, request.Variables),
        });
    }

    private FakeLinearAnswer ProjectMilestones(JsonObject v)
    {
        var id = Text(v, "id");
        var project = store.Projects.FirstOrDefault(p => p.Id == id || p.SlugId == id);
        if (project is null)
        {
            return FakeLinearAnswers.NotFound("Project");
        }

        var milestones = store.Milestones.Where(m => m.ProjectId == project.Id)
            .Select(m => (JsonNode)new JsonObject { ["id"] = m.Id, ["name"] = m.Name });
        return Data("project", new JsonObject { ["id"] = project.Id, ["name"] = project.Name, ["projectMilestones"] = Page(milestones, v) });
    }

    /// <summary>A project's issues, narrowed as Linear narrows them by <c>state.name</c> and <c>labels.name</c> (<c>eqIgnoreCase</c>).</summary>
    private FakeLinearAnswer ProjectIssues(FakeLinearRequest request)
    {
        var v = request.Variables;
        var id = Text(v, "id");
        var project = store.Projects.FirstOrDefault(p => p.Id == id || p.SlugId == id);
        if (project is null)
        {
            return FakeLinearAnswers.NotFound("Project");
        }

        var state = v["filter"]?["state"]?["name"]?["eqIgnoreCase"]?.GetValue<string>();
        var label = v["filter"]?["labels"]?["name"]?["eqIgnoreCase"]?.GetValue<string>();
        var issues = store.Issues
            .Where(i => i.ProjectId == project.Id)
            .Where(i => state is null || store.StateOf(i).Name.Equals(state, StringComparison.OrdinalIgnoreCase))
            .Where(i => label is null || store.LabelNamesOf(i).Any(n => n.Equals(label, StringComparison.OrdinalIgnoreCase)))
            .Select(i => (JsonNode)IssueJson(request.Query, i));
        return Data("project", new JsonObject { ["id"] = project.Id, ["name"] = project.Name, ["issues"] = Page(issues, v) });
    }

    private JsonObject IssueJson(string query, FakeIssue issue)
    {
        var project = store.Projects.FirstOrDefault(p => p.Id == issue.ProjectId);
        var first = new JsonObject { ["first"] = NestedFirst(query, "labels") };
        var milestone = store.Milestones.FirstOrDefault(m => m.Id == issue.MilestoneId);
        var json = new JsonObject
        {
            ["id"] = issue.Id,
            ["identifier"] = issue.Identifier,
            ["title"] = issue.Title,
            ["description"] = issue.Description,
            ["url"] = $"https://linear.app/acme/issue/{issue.Identifier.ToLowerInvariant()}/x",
            ["branchName"] = issue.BranchName,
            ["priority"] = issue.Priority,
            ["estimate"] = issue.Estimate,
            ["state"] = StateJson(store.StateOf(issue)),
            ["team"] = TeamJson(issue.TeamId),
            ["project"] = project is null ? null : new JsonObject { ["id"] = project.Id, ["name"] = project.Name },
            ["labels"] = Page(LabelsOf(issue), first),
            ["inverseRelations"] = Page(RelationsTo(issue), new JsonObject { ["first"] = NestedFirst(query, "inverseRelations") }),
        };
        if (query.Contains("projectMilestone {", StringComparison.Ordinal))
        {
            json["projectMilestone"] = milestone is null ? null : new JsonObject { ["id"] = milestone.Id, ["name"] = milestone.Name };
        }

        return json;
    }

    private FakeLinearAnswer IssueRef(FakeIssue issue) => Data("issue", new JsonObject
    {
        ["id"] = issue.Id,
        ["identifier"] = issue.Identifier,
        ["labelIds"] = new JsonArray([.. issue.LabelIds.Select(id => (JsonNode?)id)]),
        ["state"] = StateJson(store.StateOf(issue)),
        ["team"] = TeamJson(issue.TeamId),
    });

    private FakeLinearAnswer UpdateState(FakeIssue issue, string stateId)
    {
        if (!store.States.Any(s => s.Id == stateId && s.TeamId == issue.TeamId))
        {
            return FakeLinearAnswers.Error(400, "Entity not found: WorkflowState", "invalid input", "INPUT_ERROR", "The state is not in the issue's team.");
        }

        issue.StateId = stateId;
        return Data("issueUpdate", Success());
    }

    private static FakeLinearAnswer UpdateLabels(FakeIssue issue, JsonObject v)
    {
        foreach (var id in Ids(v, "addedLabelIds").Where(id => !issue.LabelIds.Contains(id)))
        {
            issue.LabelIds.Add(id);
        }

        issue.LabelIds.RemoveAll(id => Ids(v, "removedLabelIds").Contains(id));
        return Data("issueUpdate", Success());
    }

    private FakeLinearAnswer CreateLabel(string name, string teamId)
    {
        var label = new FakeLabel(store.NewId(), name, teamId);
        store.Labels.Add(label);
        var payload = Success();
        payload["issueLabel"] = LabelJson(label);
        return Data("issueLabelCreate", payload);
    }

    /// <summary>The team's issues whose description contains the text, as Linear's <c>description.contains</c> filter (case-sensitive).</summary>
    private FakeLinearAnswer IssuesByMarker(JsonObject v)
    {
        var teamId = v["teamId"]?.GetValue<string>() ?? "";
        var marker = v["marker"]?.GetValue<string>() ?? "";
        var issues = store.Issues
            .Where(i => i.TeamId == teamId && (i.Description ?? "").Contains(marker, StringComparison.Ordinal))
            .Select(i => (JsonNode)new JsonObject { ["id"] = i.Id, ["identifier"] = i.Identifier });
        return Data("issues", Page(issues, new JsonObject { ["first"] = 1 }));
    }

    /// <summary>Files an issue in the team's first backlog state, numbered after the team's highest, as Linear does.</summary>
    private FakeLinearAnswer CreateIssue(JsonObject v)
    {
        var team = store.Teams.FirstOrDefault(t => t.Id == Text(v, "teamId"));
        if (team is null)
        {
            return FakeLinearAnswers.Error(400, "Entity not found: Team", "invalid input", "INPUT_ERROR", "Could not find referenced Team.");
        }

        var number = store.Issues.Where(i => i.TeamId == team.Id).Select(i => int.Parse(i.Identifier[(team.Key.Length + 1)..], CultureInfo.InvariantCulture)).DefaultIfEmpty(0).Max() + 1;
        var milestone = store.Milestones.FirstOrDefault(m => m.Id == v["projectMilestoneId"]?.GetValue<string>());
        var issue = store.AddIssue(team, milestone, number, "Backlog");
        issue.Title = Text(v, "title");
        issue.Description = v["description"]?.GetValue<string>();
        issue.ProjectId = v["projectId"]?.GetValue<string>() ?? issue.ProjectId;
        var payload = Success();
        payload["issue"] = new JsonObject { ["id"] = issue.Id, ["identifier"] = issue.Identifier };
        return Data("issueCreate", payload);
    }

    private FakeLinearAnswer Comment(FakeIssue issue, string body)
    {
        store.Comments.Add(new FakeComment(issue.Id, body));
        return Data("commentCreate", Success());
    }

    private FakeLinearAnswer Attach(FakeIssue issue, string url, string? title)
    {
        // Linking the same URL to the same issue again updates the attachment, as Linear does.
        store.Attachments.RemoveAll(a => a.IssueId == issue.Id && a.Url == url);
        store.Attachments.Add(new FakeAttachment(issue.Id, url, title));
        return Data("attachmentLinkURL", Success());
    }

    private IEnumerable<JsonNode> LabelsOf(FakeIssue issue) =>
        issue.LabelIds.Select(id => store.Labels.Single(l => l.Id == id)).Select(l => (JsonNode)new JsonObject { ["id"] = l.Id, ["name"] = l.Name });

    private IEnumerable<JsonNode> CommentsOf(FakeIssue issue) =>
        store.Comments.Where(c => c.IssueId == issue.Id).Select(c => (JsonNode)new JsonObject { ["body"] = c.Body });

    private IEnumerable<JsonNode> RelationsTo(FakeIssue issue) =>
        store.Relations.Where(r => r.RelatedIssueId == issue.Id).Select(r =>
        {
            var blocker = store.Issues.Single(i => i.Id == r.IssueId);
            return (JsonNode)new JsonObject
            {
                ["type"] = r.Type,
                ["issue"] = new JsonObject
                {
                    ["id"] = blocker.Id,
                    ["identifier"] = blocker.Identifier,
                    ["state"] = new JsonObject { ["type"] = store.StateOf(blocker).Type },
                },
            };
        });

    private FakeLinearAnswer WithIssue(string id, Func<FakeIssue, FakeLinearAnswer> answer) =>
        store.FindIssue(id) is { } issue ? answer(issue) : FakeLinearAnswers.NotFound("Issue");

    private JsonObject TeamJson(string teamId) =>
        new() { ["id"] = teamId, ["key"] = store.Teams.Single(t => t.Id == teamId).Key };

    private JsonNode LabelJson(FakeLabel label) => new JsonObject
    {
        ["id"] = label.Id,
        ["name"] = label.Name,
        ["team"] = label.TeamId is null ? null : TeamJson(label.TeamId),
    };

    private static JsonNode StateJson(FakeState state) => new JsonObject
    {
        ["id"] = state.Id,
        ["name"] = state.Name,
        ["type"] = state.Type,
        ["position"] = state.Position,
    };

    private static JsonObject Success() => new() { ["success"] = true, ["lastSyncId"] = 1.0 };

    private static FakeLinearAnswer Data(string field, JsonNode value) =>
        new(200, new JsonObject { ["data"] = new JsonObject { [field] = value } }.ToJsonString());

    /// <summary>A Relay page: cursors are positions; <c>first</c> defaults to 50 as in Linear.</summary>
    private static JsonObject Page(IEnumerable<JsonNode> all, JsonObject v)
    {
        var first = v["first"]?.GetValue<int>() ?? 50;
        var start = v["after"]?.GetValue<string>() is { } after ? int.Parse(after, CultureInfo.InvariantCulture) : 0;
        var items = all.ToList();
        var page = items.Skip(start).Take(first).ToList();
        var end = start + page.Count;
        return new JsonObject
        {
            ["nodes"] = new JsonArray([.. page]),
            ["pageInfo"] = new JsonObject
            {
                ["hasNextPage"] = end < items.Count,
                ["hasPreviousPage"] = start > 0,
                ["startCursor"] = page.Count > 0 ? start.ToString(CultureInfo.InvariantCulture) : null,
                ["endCursor"] = page.Count > 0 ? end.ToString(CultureInfo.InvariantCulture) : null,
            },
        };
    }

    private static int NestedFirst(string query, string field) =>
        NestedFirstPattern().Matches(query).FirstOrDefault(m => m.Groups[1].Value == field) is { } match
            ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture)
            : 50;

    private static string Text(JsonObject v, string name) => v[name]?.GetValue<string>() ?? "";

    private static List<string> Ids(JsonObject v, string name) =>
        v[name] is JsonArray array ? [.. array.Select(n => n!.GetValue<string>())] : [];

    [GeneratedRegex(@"(\w+)\(first: (\d+)\)")]
    private static partial Regex NestedFirstPattern();
}
