namespace Squad.Linear.Tests.Fakes;

/// <summary>The workspace the fake serves, in memory; tests seed it and read the writes back from it.</summary>
public sealed class FakeLinearStore
{
    private int next;

    public List<FakeTeam> Teams { get; } = [];

    public List<FakeState> States { get; } = [];

    public List<FakeLabel> Labels { get; } = [];

    public List<FakeProject> Projects { get; } = [];

    public List<FakeMilestone> Milestones { get; } = [];

    public List<FakeIssue> Issues { get; } = [];

    public List<FakeRelation> Relations { get; } = [];

    public List<FakeComment> Comments { get; } = [];

    public List<FakeAttachment> Attachments { get; } = [];

    /// <summary>A new id in UUID form, deterministic per store.</summary>
    public string NewId() => $"00000000-0000-4000-8000-{Interlocked.Increment(ref next):D12}";

    /// <summary>Adds a team with Linear's default workflow plus an "In Review" state.</summary>
    public FakeTeam AddTeam(string key)
    {
        var team = new FakeTeam(NewId(), key);
        Teams.Add(team);
        (string Name, string Type)[] workflow =
        [
            ("Triage", "triage"), ("Backlog", "backlog"), ("Todo", "unstarted"), ("In Progress", "started"),
            ("In Review", "started"), ("Done", "completed"), ("Canceled", "canceled"), ("Duplicate", "duplicate"),
        ];
        for (var i = 0; i < workflow.Length; i++)
        {
            States.Add(new FakeState(NewId(), team.Id, workflow[i].Name, workflow[i].Type, i));
        }

        return team;
    }

    public FakeMilestone AddMilestone(string projectName, string slugId, string milestoneName)
    {
        var project = Projects.FirstOrDefault(p => p.SlugId == slugId) ?? new FakeProject(NewId(), slugId, projectName);
        if (!Projects.Contains(project))
        {
            Projects.Add(project);
        }

        var milestone = new FakeMilestone(NewId(), project.Id, milestoneName);
        Milestones.Add(milestone);
        return milestone;
    }

    public FakeIssue AddIssue(FakeTeam team, FakeMilestone? milestone, int number, string stateName = "Todo")
    {
        var issue = new FakeIssue
        {
            Id = NewId(),
            Identifier = $"{team.Key}-{number}",
            TeamId = team.Id,
            Title = $"Issue {number}",
            StateId = StateOf(team, stateName).Id,
            MilestoneId = milestone?.Id,
            ProjectId = milestone?.ProjectId,
            BranchName = $"dev/{team.Key.ToLowerInvariant()}-{number}-issue-{number}",
        };
        Issues.Add(issue);
        return issue;
    }

    public FakeLabel AddLabel(string name, FakeTeam? team)
    {
        var label = new FakeLabel(NewId(), name, team?.Id);
        Labels.Add(label);
        return label;
    }

    public FakeState StateOf(FakeTeam team, string name) => States.Single(s => s.TeamId == team.Id && s.Name == name);

    public FakeState StateOf(FakeIssue issue) => States.Single(s => s.Id == issue.StateId);

    public FakeIssue? FindIssue(string idOrIdentifier) =>
        Issues.FirstOrDefault(i => i.Id == idOrIdentifier || i.Identifier.Equals(idOrIdentifier, StringComparison.OrdinalIgnoreCase));

    public FakeIssue Issue(string identifier) => FindIssue(identifier) ?? throw new InvalidOperationException($"no issue {identifier}");

    public IEnumerable<string> LabelNamesOf(FakeIssue issue) => issue.LabelIds.Select(id => Labels.Single(l => l.Id == id).Name);
}
