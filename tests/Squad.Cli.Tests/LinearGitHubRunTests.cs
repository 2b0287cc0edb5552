using System.Text;
using Squad.Core.Git;
using Squad.GitHub.Tests.Fakes;
using Squad.Linear.Tests.Fakes;
using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary>
/// The headline use: <c>squad run &lt;Linear milestone URL&gt;</c> against in-process fakes of Linear and GitHub on
/// loopback (chosen by LINEAR_API_URL and GITHUB_API_URL), pushing to a real git repository.
/// </summary>
[Collection(ProcessEnvironmentTests.Name)]
public sealed class LinearGitHubRunTests : IAsyncLifetime
{
    private const string GitHubToken = "ghp_SquadOrchestratorToken0123456789ab";
    private const string SlugId = "1a2b3c4d5e6f";
    private static readonly string[] Variables = ["LINEAR_API_URL", "LINEAR_API_KEY", "GITHUB_API_URL", "GITHUB_TOKEN"];

    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-linear-github-" + Guid.NewGuid().ToString("N")[..12]);
    private readonly Dictionary<string, string?> saved = [];
    private FakeGitHub gitHub = null!;
    private FakeLinearServer linear = null!;
    private FakeMilestone milestone = null!;

    public async Task InitializeAsync()
    {
        gitHub = await FakeGitHub.StartAsync();
        gitHub.AddToken(GitHubToken, "squad-bot");
        await SeedRepositoryAsync();
        linear = FakeLinearServer.Start();
        var team = linear.Store.AddTeam("ENG");
        milestone = linear.Store.AddMilestone("Checkout", SlugId, "Beta");
        for (var number = 1; number <= 3; number++)
        {
            var issue = linear.Store.AddIssue(team, milestone, number);
            issue.Title = $"Note {number}";
            issue.Description = $"Add note {number}.\n\n```gherkin\nFeature: Note {number}\n  Scenario: Note {number} exists\n    Given the repository\n    When a visitor reads src/eng-{number}.txt\n    Then it says \"note {number}\"\n```\n";
        }

        var stub = linear.Store.AddIssue(team, null, 4);
        stub.Title = "NullReferenceException in NoteReader.Read";
        stub.Description = "Sentry: https://sentry.example.com/issues/42\n\n```\nSystem.NullReferenceException\n   at Notes.NoteReader.Read(String path) in /build/src/reader.sh:line 3\n```\n";

        foreach (var name in Variables)
        {
            saved[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable("LINEAR_API_URL", linear.Endpoint.ToString());
        Environment.SetEnvironmentVariable("LINEAR_API_KEY", FakeLinearServer.ApiKey);
        Environment.SetEnvironmentVariable("GITHUB_API_URL", gitHub.BaseAddress.ToString());
        Environment.SetEnvironmentVariable("GITHUB_TOKEN", GitHubToken);
    }

    public async Task DisposeAsync()
    {
        foreach (var (name, value) in saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        await linear.DisposeAsync();
        await gitHub.DisposeAsync();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Run_LinearMilestoneUrl_MergesEveryIssueOnGitHubAndCompletesItInLinear()
    {
        var script = Path.Combine(root, "script.yaml");
        await File.WriteAllTextAsync(script, Script());
        var url = MilestoneUrl(milestone.Id);

        var result = await CliResult.RunAsync(
            "run", url, "--repository", FakeGitHub.FullName, "--model", "scripted:" + script, "--data-dir", Path.Combine(root, "data"), "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var id in new[] { "ENG-1", "ENG-2", "ENG-3" })
        {
            Assert.Equal("merged", result.Squad(id).GetProperty("outcome").GetString());
            var issue = linear.Store.Issue(id);
            Assert.Equal("completed", linear.Store.StateOf(issue).Type);
            Assert.Single(linear.Store.Attachments, a => a.IssueId == issue.Id);
        }

        Assert.Equal(3, gitHub.Pulls.Count(p => p.MergedAt is not null));
        var tree = await new GitCli().RunAsync(gitHub.Repository.BarePath, ["ls-tree", "-r", "--name-only", FakeGitHub.DefaultBranch]);
        Assert.Contains("src/eng-3.txt", tree, StringComparison.Ordinal);
        Assert.DoesNotContain(GitHubToken, result.Output + result.Error, StringComparison.Ordinal);
        AssertNoTokenUnder(Path.Combine(root, "data"));
    }

    [Fact]
    public async Task Fix_LinearIdentifierOfAStub_DiagnosesInLinearAndMergesOnGitHub()
    {
        var script = Path.Combine(root, "fix.yaml");
        await File.WriteAllTextAsync(script, FixScript());

        var result = await CliResult.RunAsync(
            "fix", "ENG-4", "--repository", FakeGitHub.FullName, "--model", "scripted:" + script, "--data-dir", Path.Combine(root, "data"), "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("merged", result.Squad("ENG-4").GetProperty("outcome").GetString());
        var issue = linear.Store.Issue("ENG-4");
        Assert.Equal("completed", linear.Store.StateOf(issue).Type);
        var comments = linear.Store.Comments.Where(c => c.IssueId == issue.Id).Select(c => c.Body).ToList();
        Assert.StartsWith("## Diagnosis", comments[0], StringComparison.Ordinal);
        Assert.Contains("Scenario: A note without a title is read", comments[0], StringComparison.Ordinal);
        var pull = Assert.Single(gitHub.Pulls);
        Assert.Contains("### Scenario the fix must satisfy", pull.Body, StringComparison.Ordinal);
        Assert.Contains("**Regression test:** the regression test fails before the fix", pull.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WrongLinearKey_ExitsNonZeroWithOneLineSayingWhatToDo()
    {
        Environment.SetEnvironmentVariable("LINEAR_API_KEY", "lin_api_WrongKeyWrongKeyWrongKey0000");

        var result = await RunAsync(MilestoneUrl(milestone.Id));

        Assert.NotEqual(0, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("401", line, StringComparison.Ordinal);
        Assert.Contains("LINEAR_API_KEY", line, StringComparison.Ordinal);
        Assert.DoesNotContain("WrongKey", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_MissingGitHubToken_ExitsNonZeroWithOneLine()
    {
        Environment.SetEnvironmentVariable("GITHUB_TOKEN", null);

        var result = await RunAsync(MilestoneUrl(milestone.Id));

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("GITHUB_TOKEN", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownMilestone_ExitsNonZeroWithOneLine()
    {
        var result = await RunAsync(MilestoneUrl("0f0f0f0f-0000-4000-8000-000000000000"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error:", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
        Assert.Empty(gitHub.Pulls);
    }

    private static string MilestoneUrl(string id) => $"https://linear.app/acme/project/checkout-{SlugId}/overview#milestone-{id}";

    private Task<CliResult> RunAsync(string url)
        => CliResult.RunAsync("run", url, "--repository", FakeGitHub.FullName, "--model", "scripted", "--data-dir", Path.Combine(root, "data"), "--json");

    /// <summary>No credential in any file Squad keeps: state, audit, clones, work trees.</summary>
    private static void AssertNoTokenUnder(string directory)
    {
        var secrets = new[] { Encoding.UTF8.GetBytes(GitHubToken), Encoding.UTF8.GetBytes(FakeLinearServer.ApiKey) };
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            var bytes = File.ReadAllBytes(file);
            foreach (var secret in secrets)
            {
                Assert.True(bytes.AsSpan().IndexOf(secret) < 0, $"a credential is in {file}");
            }
        }
    }

    private async Task SeedRepositoryAsync()
    {
        var work = Path.Combine(root, "seed");
        TestDirectories.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "notes", "repo"), work);
        var git = new GitCli();
        await git.RunAsync(work, ["init", "-q", "--initial-branch", FakeGitHub.DefaultBranch]);
        await git.RunAsync(work, ["add", "-A"]);
        await git.RunAsync(work, ["commit", "-q", "-m", "Seed"]);
        await git.RunAsync(work, ["push", "-q", "--force", gitHub.Repository.BarePath, $"HEAD:refs/heads/{FakeGitHub.DefaultBranch}"]);
    }

    private static string FixScript() => "issues:\n" + SquadScript.Issue(
        "ENG-4",
        new("tests/eng-4.sh", "grep -q 'untitled' src/eng-4.txt\n", "ENG-4: regression test"),
        new("src/eng-4.txt", "untitled\n", "ENG-4: read untitled notes"),
        SquadScript.Diagnosis(
            "The reader fails on a note without a title.",
            "Write src/eng-4.txt with the untitled note.",
            "Scenario: A note without a title is read\n  Given a note without a title\n  When it is read\n  Then src/eng-4.txt says untitled"));

    private static string Script() => "issues:\n" + string.Concat(Enumerable.Range(1, 3).Select(n => SquadScript.Issue(
        $"ENG-{n}",
        new($"tests/eng-{n}.sh", $"grep -q 'note {n}' src/eng-{n}.txt\n", $"ENG-{n}: test note {n}"),
        new($"src/eng-{n}.txt", $"note {n}\n", $"ENG-{n}: add note {n}"))));
}
