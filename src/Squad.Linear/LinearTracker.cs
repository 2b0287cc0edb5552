using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Tracking;

namespace Squad.Linear;

/// <summary>
/// The Linear issue tracker: reads a milestone (or a single issue) from a pasted URL and writes state moves,
/// comments, agent-status labels and PR links back to Linear's GraphQL API.
/// </summary>
public sealed class LinearTracker : IIssueTracker, IIssueCreator
{
    private readonly LinearOptions options;
    private readonly Func<string, string, string?> repositoryFor;
    private readonly LinearReader reader;
    private readonly LinearWriter writer;
    private readonly LinearIssueFiler filer;

    /// <param name="httpClient">The client to send with; its base address and default headers are not used.</param>
    /// <param name="options">Endpoint and credential.</param>
    /// <param name="repositoryFor">The target repository for a team key and a project name, or null when none is configured.</param>
    /// <param name="timeProvider">The clock rate-limit waits run on.</param>
    /// <param name="logger">Where rate limits, skipped moves and failures are logged; never with the credential.</param>
    public LinearTracker(
        HttpClient httpClient,
        LinearOptions options,
        Func<string, string, string?> repositoryFor,
        TimeProvider timeProvider,
        ILogger<LinearTracker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(repositoryFor);
        ArgumentNullException.ThrowIfNull(timeProvider);
        this.options = options;
        this.repositoryFor = repositoryFor;
        ILogger log = logger ?? NullLogger<LinearTracker>.Instance;
        var client = new LinearClient(httpClient, options, timeProvider, log);
        reader = new LinearReader(client);
        writer = new LinearWriter(client, options, log);
        filer = new LinearIssueFiler(client, writer);
    }

    /// <summary>A tracker whose target repository is chosen by team key alone (<c>ENG</c> → <c>acme/checkout</c>).</summary>
    public LinearTracker(
        HttpClient httpClient,
        LinearOptions options,
        IReadOnlyDictionary<string, string> repositoryByTeam,
        TimeProvider timeProvider,
        ILogger<LinearTracker>? logger = null)
        : this(httpClient, options, ByTeam(repositoryByTeam), timeProvider, logger)
    {
    }

    /// <summary>Loads the milestone or single issue a pasted Linear URL names (see <see cref="LinearUrl"/>).</summary>
    public Task<Milestone> LoadMilestoneAsync(string reference, CancellationToken cancellationToken = default) =>
        LoadMilestoneAsync(LinearUrl.Parse(reference), cancellationToken);

    /// <summary>Loads a parsed reference: a milestone with every issue (every page), or one issue as a milestone of one.</summary>
    /// <exception cref="SquadException">Not found (<see cref="SquadErrorCode.InvalidInput"/>), no repository configured, or Linear failed.</exception>
    public async Task<Milestone> LoadMilestoneAsync(LinearUrl url, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Kind == LinearReferenceKind.Issue)
        {
            var issue = await reader.ReadIssueAsync(url.IssueIdentifier!, cancellationToken);
            return Build($"linear:issue:{issue.Node.Identifier}", issue.Node.Identifier, [issue]);
        }

        var milestoneId = url.Kind == LinearReferenceKind.Milestone
            ? url.MilestoneId!
            : await reader.FindMilestoneAsync(url.ProjectSlugId!, url.MilestoneName!, cancellationToken);
        var (milestone, issues) = await reader.ReadMilestoneAsync(milestoneId, cancellationToken);
        return Build($"linear:milestone:{milestone.Id}", $"{milestone.Project.Name} / {milestone.Name}", issues);
    }

    /// <summary>
    /// Loads the issues of the Linear project <paramref name="reference"/> (a project URL) that pass <paramref name="filter"/>,
    /// one milestone per project milestone they belong to, keyed as <c>squad run</c> keys that milestone; issues in no
    /// milestone come last, under the project. None pass: an empty list.
    /// </summary>
    /// <exception cref="SquadException">Not a project URL or not found (<see cref="SquadErrorCode.InvalidInput"/>), no repository configured, or Linear failed.</exception>
    public async Task<IReadOnlyList<Milestone>> LoadProjectAsync(string reference, IssueFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var url = LinearUrl.ParseProject(reference);
        var (project, issues) = await reader.ReadProjectIssuesAsync(url.ProjectSlugId!, filter, cancellationToken);
        return
        [
            .. issues.GroupBy(i => i.Node.ProjectMilestone?.Id).OrderBy(group => group.Key is null).Select(group => group.First().Node.ProjectMilestone is { } milestone
                ? Build($"linear:milestone:{milestone.Id}", $"{project.Name} / {milestone.Name}", [.. group])
                : Build($"linear:project:{project.Id}", project.Name, [.. group]))
            .Select(m => m with { Issues = [.. m.Issues.Where(filter.Matches)] })
            .Where(m => m.Issues.Count > 0),
        ];
    }

    public Task MoveAsync(string issueIdentifier, IssueStateType stateType, CancellationToken cancellationToken = default) =>
        writer.MoveAsync(issueIdentifier, stateType, cancellationToken);

    public Task CommentAsync(string issueIdentifier, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        return writer.CommentAsync(issueIdentifier, body, cancellationToken);
    }

    /// <summary>The bodies of the issue's comments, oldest first (every page).</summary>
    public Task<IReadOnlyList<string>> ListCommentsAsync(string issueIdentifier, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issueIdentifier);
        return reader.ReadCommentsAsync(issueIdentifier, cancellationToken);
    }

    public Task SetLabelAsync(string issueIdentifier, string label, bool present, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        return writer.SetLabelAsync(issueIdentifier, label.Trim(), present, cancellationToken);
    }

    public Task LinkPullRequestAsync(string issueIdentifier, string url, string title, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentNullException.ThrowIfNull(title);
        return writer.LinkAsync(issueIdentifier, url, title, cancellationToken);
    }

    /// <summary>Files the draft (<c>issueCreate</c>) in the loaded milestone's team, project and milestone, unless an issue of the team carries its marker.</summary>
    public Task<string> CreateIssueAsync(Milestone milestone, IssueDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        ArgumentNullException.ThrowIfNull(draft);
        return filer.CreateAsync(milestone, draft, cancellationToken);
    }

    private Milestone Build(string key, string name, IReadOnlyList<LinearIssue> issues)
    {
        filer.Remember(key, issues);
        foreach (var issue in issues)
        {
            writer.Remember(issue.Node);
        }

        return new Milestone
        {
            Key = key,
            Name = name,
            Repository = RepositoryOf(name, issues),
            Issues = [.. issues.Select(i => LinearIssueMapper.ToDomain(i, options.ReviewStateName))],
        };
    }

    private string RepositoryOf(string name, IReadOnlyList<LinearIssue> issues)
    {
        if (issues.Count == 0)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"milestone '{name}' has no issues in Linear: add issues to it, then run again");
        }

        var pairs = issues.Select(i => (Team: i.Node.Team.Key, Project: i.Node.Project?.Name ?? "")).Distinct().ToList();
        var repositories = pairs.Select(p => (p.Team, p.Project, Repository: repositoryFor(p.Team, p.Project))).ToList();
        if (repositories.FirstOrDefault(r => string.IsNullOrWhiteSpace(r.Repository)) is { Team: not null } missing)
        {
            throw new SquadException(
                SquadErrorCode.InvalidConfiguration,
                $"no repository configured for team {missing.Team}{(missing.Project.Length > 0 ? $" (project '{missing.Project}')" : "")}: map the team to its repository in Squad's configuration");
        }

        var distinct = repositories.Select(r => r.Repository!).Distinct(StringComparer.Ordinal).ToList();
        return distinct.Count == 1
            ? distinct[0]
            : throw new SquadException(
                SquadErrorCode.InvalidConfiguration,
                $"milestone '{name}' spans repositories {string.Join(", ", distinct)}: Squad runs one repository per milestone, so split the milestone or map its teams to one repository");
    }

    private static Func<string, string, string?> ByTeam(IReadOnlyDictionary<string, string> repositoryByTeam)
    {
        ArgumentNullException.ThrowIfNull(repositoryByTeam);
        var map = repositoryByTeam.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        return (team, _) => map.GetValueOrDefault(team);
    }
}
