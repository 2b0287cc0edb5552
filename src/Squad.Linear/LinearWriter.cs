using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Squad.Core;
using Squad.Core.Domain;

namespace Squad.Linear;

/// <summary>
/// The write side: state moves, comments, labels and PR attachments. Moves and labels read the issue's current
/// state and labels first, so a write that would change nothing sends nothing.
/// </summary>
internal sealed class LinearWriter(LinearClient client, LinearOptions options, ILogger logger)
{
    private readonly ConcurrentDictionary<string, string> ids = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, IReadOnlyList<StateNode>> states = new(StringComparer.Ordinal);
    // Lazy: GetOrAdd may run its factory more than once under contention; only the stored Lazy ever starts.
    private readonly ConcurrentDictionary<string, Lazy<Task<LabelNode>>> chosenLabels = new(StringComparer.Ordinal);

    private static LinearJsonContext Json => LinearJsonContext.Default;

    /// <summary>Remembers the id of a loaded issue, so comments and links need no look-up.</summary>
    public void Remember(IssueNode issue) => ids[issue.Identifier] = issue.Id;

    /// <summary>Remembers the id of an issue Squad filed.</summary>
    public void Remember(string id, string identifier) => ids[identifier] = id;

    public async Task MoveAsync(string identifier, IssueStateType type, CancellationToken cancellationToken)
    {
        var issue = await IssueRefAsync(identifier, cancellationToken);
        if (LinearStateTypes.ToDomain(issue.State.Type, issue.State.Name, options.ReviewStateName) == type)
        {
            return;
        }

        var target = Target(await StatesAsync(issue.Team.Id, cancellationToken), type);
        if (target is null)
        {
            if (type == IssueStateType.Review)
            {
                LinearLog.NoReviewState(logger, issue.Team.Key, options.ReviewStateName, identifier);
                return;
            }

            throw new SquadException(
                SquadErrorCode.InvalidConfiguration,
                $"team {issue.Team.Key} has no workflow state of type {LinearStateTypes.ToLinear(type)}: add one in the team's workflow settings in Linear");
        }

        await MutateAsync(LinearDocuments.IssueUpdateState, new JsonObject { ["id"] = issue.Id, ["stateId"] = target.Id },
            d => d.IssueUpdate, cancellationToken);
        LinearLog.Moved(logger, identifier, target.Name);
    }

    public async Task CommentAsync(string identifier, string body, CancellationToken cancellationToken)
    {
        var id = await IdAsync(identifier, cancellationToken);
        await MutateAsync(LinearDocuments.CommentCreate, new JsonObject { ["issueId"] = id, ["body"] = body },
            d => d.CommentCreate, cancellationToken);
    }

    public async Task LinkAsync(string identifier, string url, string title, CancellationToken cancellationToken)
    {
        var id = await IdAsync(identifier, cancellationToken);
        await MutateAsync(LinearDocuments.AttachmentLinkUrl, new JsonObject { ["issueId"] = id, ["url"] = url, ["title"] = title },
            d => d.AttachmentLinkUrl, cancellationToken);
    }

    public async Task SetLabelAsync(string identifier, string label, bool present, CancellationToken cancellationToken)
    {
        var issue = await IssueRefAsync(identifier, cancellationToken);
        if (!present)
        {
            var matches = await LabelsAsync(label, issue.Team.Id, cancellationToken);
            var held = matches.Where(l => issue.LabelIds.Contains(l.Id)).Select(l => (JsonNode?)l.Id).ToArray();
            if (held.Length > 0)
            {
                await UpdateLabelsAsync(issue.Id, "removedLabelIds", held, cancellationToken);
            }

            return;
        }

        var chosen = await LabelToAddAsync(label, issue.Team, cancellationToken);
        if (!issue.LabelIds.Contains(chosen.Id))
        {
            await UpdateLabelsAsync(issue.Id, "addedLabelIds", [chosen.Id], cancellationToken);
        }
    }

    // Squads of one milestone label their issues in parallel: they share one look-up (and at most one creation)
    // per team and label name, so Linear never gets two labels of the same name.
    private async Task<LabelNode> LabelToAddAsync(string name, TeamNode team, CancellationToken cancellationToken)
    {
        var key = $"{team.Id}\n{name.ToUpperInvariant()}";
        var lookup = chosenLabels.GetOrAdd(key, _ => new Lazy<Task<LabelNode>>(() => FindOrCreateLabelAsync(name, team, cancellationToken)));
        try
        {
            return await lookup.Value;
        }
        catch
        {
            chosenLabels.TryRemove(KeyValuePair.Create(key, lookup));
            throw;
        }
    }

    private async Task<LabelNode> FindOrCreateLabelAsync(string name, TeamNode team, CancellationToken cancellationToken)
    {
        // A team label of that name wins over a workspace one; with neither, Squad makes a team label.
        var matches = await LabelsAsync(name, team.Id, cancellationToken);
        return matches.FirstOrDefault(l => l.Team is not null) ?? (matches.Count > 0 ? matches[0] : null)
            ?? await CreateLabelAsync(name, team, cancellationToken);
    }

    private StateNode? Target(IReadOnlyList<StateNode> teamStates, IssueStateType type)
    {
        var linearType = LinearStateTypes.ToLinear(type);
        return teamStates
            .Where(s => s.Type == linearType && LinearStateTypes.ToDomain(s.Type, s.Name, options.ReviewStateName) == type)
            .OrderBy(s => s.Position)
            .FirstOrDefault();
    }

    private async Task<IReadOnlyList<StateNode>> StatesAsync(string teamId, CancellationToken cancellationToken)
    {
        if (states.TryGetValue(teamId, out var known))
        {
            return known;
        }

        var all = await LinearPaging.AllAsync(null, async after =>
        {
            var variables = new JsonObject { ["teamId"] = teamId, ["first"] = LinearDocuments.PageSize, ["after"] = after };
            var data = await client.ExecuteAsync(LinearDocuments.TeamStates, variables, Json.GraphQLResponseLinearData, cancellationToken: cancellationToken);
            return data.WorkflowStates ?? throw LinearFailures.Malformed("TeamStates", 200);
        }, "the team's workflow states");
        return states[teamId] = all;
    }

    private async Task<IReadOnlyList<LabelNode>> LabelsAsync(string name, string teamId, CancellationToken cancellationToken)
    {
        var all = await LinearPaging.AllAsync(null, async after =>
        {
            var variables = new JsonObject { ["name"] = name, ["first"] = LinearDocuments.PageSize, ["after"] = after };
            var data = await client.ExecuteAsync(LinearDocuments.LabelsByName, variables, Json.GraphQLResponseLinearData, cancellationToken: cancellationToken);
            return data.IssueLabels ?? throw LinearFailures.Malformed("LabelsByName", 200);
        }, $"labels named {name}");
        return [.. all.Where(l => l.Name.Equals(name, StringComparison.OrdinalIgnoreCase) && (l.Team is null || l.Team.Id == teamId))];
    }

    private async Task<LabelNode> CreateLabelAsync(string name, TeamNode team, CancellationToken cancellationToken)
    {
        var payload = await MutateAsync(LinearDocuments.IssueLabelCreate, new JsonObject { ["name"] = name, ["teamId"] = team.Id },
            d => d.IssueLabelCreate, cancellationToken);
        LinearLog.LabelCreated(logger, name, team.Key);
        return payload.IssueLabel ?? throw LinearFailures.Malformed("IssueLabelCreate", 200);
    }

    private async Task UpdateLabelsAsync(string issueId, string field, JsonNode?[] labelIds, CancellationToken cancellationToken) =>
        await MutateAsync(LinearDocuments.IssueUpdateLabels, new JsonObject { ["id"] = issueId, [field] = new JsonArray(labelIds) },
            d => d.IssueUpdate, cancellationToken);

    private async Task<MutationPayload> MutateAsync(
        string document, JsonObject variables, Func<LinearData, MutationPayload?> payload, CancellationToken cancellationToken)
    {
        var data = await client.ExecuteAsync(document, variables, Json.GraphQLResponseLinearData, cancellationToken: cancellationToken);
        var result = payload(data);
        return result is { Success: true } ? result : throw LinearFailures.Refused(LinearDocuments.NameOf(document));
    }

    private async Task<string> IdAsync(string identifier, CancellationToken cancellationToken) =>
        ids.TryGetValue(identifier, out var id) ? id : (await IssueRefAsync(identifier, cancellationToken)).Id;

    private async Task<IssueRefNode> IssueRefAsync(string identifier, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(identifier);
        var data = await client.ExecuteAsync(
            LinearDocuments.IssueRef, new JsonObject { ["id"] = identifier }, Json.GraphQLResponseIssueRefData,
            $"Linear has no issue {identifier} this key can see: check the identifier, or that the key belongs to its workspace",
            cancellationToken);
        var issue = data.Issue ?? throw LinearFailures.Malformed("IssueRef", 200);
        ids[issue.Identifier] = issue.Id;
        return issue;
    }
}
