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

    private RunTarget(IIssueTracker tracker, ICodeHost codeHost, Milestone milestone, string? scriptFolder, IDisposable? owned)
    {
        Tracker = tracker;
        CodeHost = codeHost;
        Milestone = milestone;
        ScriptFolder = scriptFolder;
        this.owned = owned;
    }

    public IIssueTracker Tracker { get; }

    public ICodeHost CodeHost { get; }

    public Milestone Milestone { get; }

    /// <summary>Where <c>--model scripted</c> finds <c>scripted-responses.yaml</c>: the milestone folder, or the working folder.</summary>
    public string? ScriptFolder { get; }

    public static async Task<RunTarget> OpenAsync(CliHost host, RunTargetRequest request, AgentCatalog agents, CancellationToken cancellationToken)
    {
        // Anything that looks like a URL is read as a Linear URL, so an unsupported one gets the list of accepted forms.
        var linearIssue = request.Reference.Length == 0 && request.Issue is not null;
        if (!linearIssue && !LinearUrl.IsLinearUrl(request.Reference) && !request.Reference.Contains("://", StringComparison.Ordinal))
        {
            var milestone = OnlyIssue(await host.Tracker.LoadMilestoneAsync(request.Reference, cancellationToken), request);
            var info = LocalTracker.ReadMilestoneFile(request.Reference);
            if (info.Source is { } source && !host.Forge.RepositoryExists(info.Repository))
            {
                await host.Forge.ImportRepositoryAsync(info.Repository, source, info.DefaultBranch, cancellationToken);
            }

            return new RunTarget(host.Tracker, host.Forge, milestone, info.Folder, null);
        }

        var url = linearIssue ? LinearUrl.ForIssue(request.Issue!) : LinearUrl.Parse(request.Reference, request.MilestoneName);
        var map = RepositoryMap.Load(request.ConfigFile, host.DataDirectory, request.Repository);
        var gitHub = OpenGitHub(host, agents);
        var http = new HttpClient();
        try
        {
            var tracker = new LinearTracker(http, LinearOptions.FromEnvironment(Environment.GetEnvironmentVariable), map.Find, host.Time);
            var milestone = await tracker.LoadMilestoneAsync(url, cancellationToken);
            return new RunTarget(tracker, gitHub, milestone, Environment.CurrentDirectory, new Disposables(http, gitHub));
        }
        catch
        {
            http.Dispose();
            gitHub.Dispose();
            throw;
        }
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
        return new GitHubCodeHost(GitHubOptions.FromEnvironment(Environment.GetEnvironmentVariable, reviewers), host.Git, host.Time);
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
