using Microsoft.Extensions.Logging;
using Squad.Core;
using Squad.Core.Agents;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Tracking;
using Squad.GitHub;
using Squad.Linear;
using Squad.Local.Tracking;

namespace Squad.Cli;

/// <summary>
/// What a run works against: a local milestone folder with the local forge, or a pasted Linear URL with GitHub.
/// Owns the remote clients it creates.
/// </summary>
internal sealed class RunTarget : IDisposable
{
    private readonly IDisposable? owned;

    private RunTarget(IIssueTracker tracker, ICodeHost codeHost, IReadOnlyList<Milestone> milestones, string? scriptFolder, IDisposable? owned)
    {
        Tracker = tracker;
        CodeHost = codeHost;
        Milestones = milestones;
        ScriptFolder = scriptFolder;
        this.owned = owned;
    }

    public IIssueTracker Tracker { get; }

    public ICodeHost CodeHost { get; }

    /// <summary>The milestone a run names (the first of <see cref="Milestones"/>).</summary>
    public Milestone Milestone => Milestones[0];

    /// <summary>What was loaded: one milestone, or for a project, one per milestone its matching issues belong to (maybe none).</summary>
    public IReadOnlyList<Milestone> Milestones { get; }

    /// <summary>Where <c>--model scripted</c> finds <c>scripted-responses.yaml</c>: the milestone folder, or the working folder.</summary>
    public string? ScriptFolder { get; }

    public static async Task<RunTarget> OpenAsync(CliHost host, RunTargetRequest request, AgentCatalog agents, CancellationToken cancellationToken)
    {
        var linearIssue = request.Reference.Length == 0 && request.Issue is not null;
        if (!linearIssue && IsLocal(request.Reference))
        {
            var milestone = OnlyIssue(await host.Tracker.LoadMilestoneAsync(request.Reference, cancellationToken), request);
            return await OpenLocalAsync(host, request.Reference, milestone, cancellationToken);
        }

        var url = linearIssue ? LinearUrl.ForIssue(request.Issue!) : LinearUrl.Parse(request.Reference, request.MilestoneName);
        // A bug fix in a milestone (the Healer's stub) runs that one issue, as in a local folder.
        return await OpenLinearAsync(host, request, agents, async tracker => [OnlyIssue(await tracker.LoadMilestoneAsync(url, cancellationToken), request)]);
    }

    /// <summary>
    /// The issues of a project that pass <paramref name="filter"/>: a local milestone folder (one milestone, maybe with no
    /// issues left), or a Linear project URL (one milestone per Linear milestone of the matching issues).
    /// </summary>
    public static async Task<RunTarget> OpenProjectAsync(
        CliHost host, RunTargetRequest request, IssueFilter filter, AgentCatalog agents, CancellationToken cancellationToken)
    {
        if (IsLocal(request.Reference))
        {
            var milestone = await host.Tracker.LoadProjectAsync(request.Reference, filter, cancellationToken);
            return await OpenLocalAsync(host, request.Reference, milestone, cancellationToken);
        }

        // Refuses a milestone or issue URL before any client is made.
        LinearUrl.ParseProject(request.Reference);
        return await OpenLinearAsync(host, request, agents, tracker => tracker.LoadProjectAsync(request.Reference, filter, cancellationToken));
    }

    private static Milestone OnlyIssue(Milestone milestone, RunTargetRequest request)
    {
        if (request.Issue is not { } identifier)
        {
            return milestone;
        }

        var issue = milestone.Issues.FirstOrDefault(i => i.Identifier.Equals(identifier, StringComparison.OrdinalIgnoreCase))
            ?? throw new SquadException(SquadErrorCode.InvalidInput,
                $"issue {identifier} is not in {request.Reference} (it has {string.Join(", ", milestone.Issues.Select(i => i.Identifier))}): check the identifier");
        return milestone with { Issues = [issue] };
    }

    // Anything that looks like a URL is read as a Linear URL, so an unsupported one gets the list of accepted forms.
    public static bool IsLocal(string reference)
        => !LinearUrl.IsLinearUrl(reference) && !reference.Contains("://", StringComparison.Ordinal);

    /// <summary>The local forge imports the milestone's repository on first use.</summary>
    private static async Task<RunTarget> OpenLocalAsync(CliHost host, string folder, Milestone milestone, CancellationToken cancellationToken)
    {
        var info = LocalTracker.ReadMilestoneFile(folder);
        if (info.Source is { } source && !host.Forge.RepositoryExists(info.Repository))
        {
            await host.Forge.ImportRepositoryAsync(info.Repository, source, info.DefaultBranch, cancellationToken);
        }

        return new RunTarget(host.Tracker, host.Forge, [milestone], info.Folder, null);
    }

    private static async Task<RunTarget> OpenLinearAsync(
        CliHost host, RunTargetRequest request, AgentCatalog agents, Func<LinearTracker, Task<IReadOnlyList<Milestone>>> load)
    {
        var map = RepositoryMap.Load(request.ConfigFile, host.DataDirectory, request.Repository);
        var gitHub = OpenGitHub(host, agents);
        var http = new HttpClient();
        try
        {
            var tracker = new LinearTracker(http, LinearOptions.FromEnvironment(Environment.GetEnvironmentVariable), map.Find, host.Time, new Logger<LinearTracker>(Observability.CliLogging.Current));
            var milestones = await load(tracker);
            return new RunTarget(tracker, gitHub, milestones, Environment.CurrentDirectory, new Disposables(http, gitHub));
        }
        catch
        {
            http.Dispose();
            gitHub.Dispose();
            throw;
        }
    }

    /// <summary>The code host a finished run worked on: the local forge, or GitHub for <c>owner/name</c> repositories.</summary>
    public static ICodeHost CodeHostFor(CliHost host, string repository, AgentCatalog agents, out IDisposable? owned)
    {
        if (!repository.Contains('/', StringComparison.Ordinal))
        {
            owned = null;
            return host.Forge;
        }

        var gitHub = OpenGitHub(host, agents);
        owned = gitHub;
        return gitHub;
    }

    public void Dispose() => owned?.Dispose();

    private static GitHubCodeHost OpenGitHub(CliHost host, AgentCatalog agents)
    {
        var reviewers = new Dictionary<Role, string>
        {
            [Role.CodeReviewer] = agents[Role.CodeReviewer].Identity.Login,
            [Role.QaSpecialist] = agents[Role.QaSpecialist].Identity.Login,
        };
        return new GitHubCodeHost(GitHubOptions.FromEnvironment(Environment.GetEnvironmentVariable, reviewers), host.Git, host.Time, Observability.CliLogging.Current);
    }

    private sealed class Disposables(params IDisposable[] items) : IDisposable
    {
        public void Dispose()
        {
            foreach (var item in items)
            {
                item.Dispose();
            }
        }
    }
}
