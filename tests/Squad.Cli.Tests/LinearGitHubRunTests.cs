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
    public async Task Run_MergeFailsVerifyOnGitHub_RevertPullMergesAndLinearReopensAndRevertByHandDoesTheSame()
    {
        await SeedRepositoryAsync(LinearGitHubScripts.BreakOnNote1);
        var script = Path.Combine(root, "script.yaml");
        await File.WriteAllTextAsync(script, Script());
        var data = Path.Combine(root, "data");

        var failed = await CliResult.RunAsync("run", IssueUrl("ENG-1"), "--repository", FakeGitHub.FullName, "--model", "scripted:" + script, "--data-dir", data, "--json");

        Assert.True(failed.ExitCode == 12, failed.Error);
        Assert.Equal("reverted", failed.Squad("ENG-1").GetProperty("outcome").GetString());
        Assert.Equal("failed: 'smoke' exited 1", failed.Squad("ENG-1").GetProperty("verification").GetString());
        AssertRevertedOnGitHub("ENG-1", failed.Squad("ENG-1").GetProperty("mergeCommit").GetString()!, pulls: 2);

        var merged = await CliResult.RunAsync("run", IssueUrl("ENG-2"), "--repository", FakeGitHub.FullName, "--model", "scripted:" + script, "--data-dir", data, "--json");
        Assert.True(merged.ExitCode == 0, merged.Error);
        var byHand = await CliResult.RunAsync("revert", "ENG-2", "--data-dir", data);

        Assert.True(byHand.ExitCode == 0, byHand.Output + byHand.Error);
        var line = string.Join(' ', byHand.Output.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries)); // the console wraps it
        Assert.StartsWith("ENG-2: reverted ", line, StringComparison.Ordinal);
        Assert.Contains("the issue is open again with squad:reverted", line, StringComparison.Ordinal);
        AssertRevertedOnGitHub("ENG-2", merged.Squad("ENG-2").GetProperty("mergeCommit").GetString()!, pulls: 4);
        var tree = await new GitCli().RunAsync(gitHub.Repository.BarePath, ["ls-tree", "-r", "--name-only", FakeGitHub.DefaultBranch]);
        Assert.DoesNotContain("src/eng-", tree, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TwoIssuesConflictOnGitHub_TheLaterResolvesInAConflictRoundAndBothMerge()
    {
        // ENG-2's branch is cut from today's main; ENG-1 then lands the same new file, so ENG-2 meets it in the queue.
        await new GitCli().RunAsync(gitHub.Repository.BarePath, ["update-ref", "refs/heads/dev/eng-2-issue-2", "refs/heads/" + FakeGitHub.DefaultBranch]);
        var script = Path.Combine(root, "conflict.yaml");
        await File.WriteAllTextAsync(script, "issues:\n" + SquadScript.Issue(
            "ENG-1", new("tests/eng-1.sh", "grep -q 'note 1' src/shared.txt\n", "ENG-1: test note 1"), new("src/shared.txt", "note 1\n", "ENG-1: add note 1"))
            + LinearGitHubScripts.ConflictRound);
        var data = Path.Combine(root, "data");

        var first = await CliResult.RunAsync("run", IssueUrl("ENG-1"), "--repository", FakeGitHub.FullName, "--model", "scripted:" + script, "--data-dir", data, "--json");
        var second = await CliResult.RunAsync("run", IssueUrl("ENG-2"), "--repository", FakeGitHub.FullName, "--model", "scripted:" + script, "--data-dir", data, "--json");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.Contains("textual conflict with main in src/shared.txt", second.Error, StringComparison.Ordinal);
        Assert.Equal(1, second.Squad("ENG-2").GetProperty("conflictRounds").GetInt32());
        Assert.Equal("note 1\nnote 2", (await new GitCli().RunAsync(gitHub.Repository.BarePath, ["show", FakeGitHub.DefaultBranch + ":src/shared.txt"])).Trim());
        Assert.Equal(2, gitHub.Pulls.Count(p => p.MergedAt is not null));
        Assert.All(new[] { "ENG-1", "ENG-2" }, id => Assert.Equal("completed", linear.Store.StateOf(linear.Store.Issue(id)).Type));
    }

    [Fact]
    public async Task Run_StrictChecksOnGitHub_UpdatedBranchGetsAFixRoundThatPushesOnTopOfGitHubsMergeAndMerges()
    {
        // Strict required checks: ENG-2's branch is behind once ENG-1 lands, so GitHub merges main into it (update-branch).
        gitHub.BranchRules.RequireChecks(strict: true);
        await new GitCli().RunAsync(gitHub.Repository.BarePath, ["update-ref", "refs/heads/dev/eng-2-issue-2", "refs/heads/" + FakeGitHub.DefaultBranch]);
        var script = Path.Combine(root, "strict.yaml");
        await File.WriteAllTextAsync(script, "issues:\n" + SquadScript.Issue(
            "ENG-1", new("tests/eng-1.sh", "grep -q 'note 1' src/eng-1.txt\n", "ENG-1: test note 1"), new("src/eng-1.txt", "note 1\n", "ENG-1: add note 1"))
            + LinearGitHubScripts.StrictRound);
        var data = Path.Combine(root, "data");

        var first = await CliResult.RunAsync("run", IssueUrl("ENG-1"), "--repository", FakeGitHub.FullName, "--model", "scripted:" + script, "--data-dir", data, "--json");
        var second = await CliResult.RunAsync("run", IssueUrl("ENG-2"), "--repository", FakeGitHub.FullName, "--model", "scripted:" + script, "--data-dir", data, "--json");

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.True(second.ExitCode == 0, second.Output + second.Error);
        Assert.Equal("merged", second.Squad("ENG-2").GetProperty("outcome").GetString());
        Assert.Contains("dev/eng-2-issue-2 moved on the code host: the work tree fast-forwarded to", second.Error, StringComparison.Ordinal);
        var git = new GitCli();
        Assert.Equal("note 2, reviewed", (await git.RunAsync(gitHub.Repository.BarePath, ["show", FakeGitHub.DefaultBranch + ":src/eng-2.txt"])).Trim());
        Assert.Equal("note 1", (await git.RunAsync(gitHub.Repository.BarePath, ["show", FakeGitHub.DefaultBranch + ":src/eng-1.txt"])).Trim());
        Assert.Contains(gitHub.Requests, r => r.Path.EndsWith("/update-branch", StringComparison.Ordinal));
        Assert.Equal(2, gitHub.Pulls.Count(p => p.MergedAt is not null));
    }

    [Fact]
    public async Task Heal_FailingCheckRunOnGitHubMain_FilesALinearStubAndMergesItsFixSquad()
    {
        var tip = (await new GitCli().RunAsync(gitHub.Repository.BarePath, ["rev-parse", FakeGitHub.DefaultBranch])).Trim();
        gitHub.Statuses.Add(new FakeStatus { Sha = tip, Context = "ci / smoke", State = "completed", Conclusion = "failure", IsCheckRun = true });
        var script = Path.Combine(root, "heal.yaml");
        await File.WriteAllTextAsync(script, "issues:\n" + SquadScript.Issue(
            "ENG-5",
            new("tests/farewell.sh", "grep -q farewell src/farewell.txt\n", "ENG-5: regression test"),
            new("src/farewell.txt", "farewell\n", "ENG-5: write the farewell note"),
            SquadScript.Diagnosis("The smoke check needs src/farewell.txt.", "Write it.", "Scenario: The farewell note exists\n  Given the repository\n  When the smoke check runs\n  Then src/farewell.txt says farewell")));

        var healed = await CliResult.RunAsync(
            "heal", MilestoneUrl(milestone.Id), "--repository", FakeGitHub.FullName, "--model", "scripted:" + script, "--data-dir", Path.Combine(root, "data"), "--json");

        Assert.True(healed.ExitCode == 0, healed.Output + healed.Error);
        Assert.Contains("Healer: main is red ('checks' exits 1 on main", healed.Error, StringComparison.Ordinal);
        var stub = linear.Store.Issue("ENG-5");
        Assert.StartsWith("Main is red", stub.Title, StringComparison.Ordinal);
        Assert.Equal(milestone.Id, stub.MilestoneId);
        Assert.Contains("squad:healer", linear.Store.LabelNamesOf(stub));
        Assert.Equal("ENG-5", Assert.Single(healed.Json().GetProperty("squads").EnumerateArray()).GetProperty("issue").GetString()); // the stub alone, not its milestone
        Assert.Equal("merged", healed.Squad("ENG-5").GetProperty("outcome").GetString());
        Assert.Equal("completed", linear.Store.StateOf(stub).Type);
        var pull = Assert.Single(gitHub.Pulls);
        Assert.NotNull(pull.MergedAt);
        Assert.Equal("farewell", (await new GitCli().RunAsync(gitHub.Repository.BarePath, ["show", FakeGitHub.DefaultBranch + ":src/farewell.txt"])).Trim());
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

    /// <summary>The revert of <paramref name="issue"/>'s merge is a merged pull request on GitHub; Linear has the issue open again with <c>squad:reverted</c>.</summary>
    private void AssertRevertedOnGitHub(string issue, string mergeSha, int pulls)
    {
        Assert.Equal(pulls, gitHub.Pulls.Count);
        var revert = Assert.Single(gitHub.Pulls, p => p.Head == $"squad/revert-{mergeSha[..12]}");
        Assert.NotNull(revert.MergedAt);
        var linearIssue = linear.Store.Issue(issue);
        Assert.Equal("unstarted", linear.Store.StateOf(linearIssue).Type);
        Assert.Contains("squad:reverted", linear.Store.LabelNamesOf(linearIssue));
        Assert.Single(linear.Store.Comments, c => c.IssueId == linearIssue.Id && c.Body.Contains($"reverted PR #", StringComparison.Ordinal));
    }

    private static string IssueUrl(string identifier) => $"https://linear.app/acme/issue/{identifier}/note";

    private async Task SeedRepositoryAsync(Action<string>? change = null)
    {
        var work = Path.Combine(root, "seed");
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }

        TestDirectories.Copy(Path.Combine(AppContext.BaseDirectory, "Fixtures", "notes", "repo"), work);
        change?.Invoke(work);
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
