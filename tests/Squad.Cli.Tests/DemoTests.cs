using System.Text.Json;
using Squad.Core.Git;
using Squad.Core.Security;

namespace Squad.Cli.Tests;

public sealed class DemoTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static readonly string[] Issues = ["CHK-1", "CHK-2", "CHK-3", "CHK-4", "CHK-5", "CHK-6", "CHK-7"];

    [Fact]
    public void Demo_OnAFreshDataDirectory_ExitsZeroWithAllSevenIssuesMerged()
    {
        Assert.True(demo.First.ExitCode == 0, demo.First.Error);
        foreach (var issue in Issues)
        {
            Assert.Equal("merged", demo.First.Squad(issue).GetProperty("outcome").GetString());
        }

        Assert.True(demo.First.Json().GetProperty("run").GetProperty("scripted").GetBoolean());
    }

    [Fact]
    public void Demo_DevelopersCommitChecks_RunInACopySetUpUnderTheStepTheyBelongTo()
    {
        // "12:00:01 CHK-2      implementation  commit checks on tree ...": time, issue, step, message.
        var pairs = 0;
        foreach (var issue in Issues)
        {
            var lines = demo.First.ErrorLines
                .Select(line => line.Split(' ', 4, StringSplitOptions.RemoveEmptyEntries))
                .Where(parts => parts.Length == 4 && parts[1] == issue)
                .ToList();
            for (var i = 0; i + 1 < lines.Count; i++)
            {
                if (lines[i][3].StartsWith("commit checks on tree ", StringComparison.Ordinal) && lines[i + 1][3].StartsWith("setup: ", StringComparison.Ordinal))
                {
                    Assert.Contains(lines[i][2], (string[])["implementation", "fix"]);
                    Assert.Equal(lines[i][2], lines[i + 1][2]);
                    pairs++;
                }
            }
        }

        Assert.True(pairs >= Issues.Length, $"{pairs} commit checks set up a copy; every squad's Developer commits at least once");
    }

    [Fact]
    public void Demo_SetUp_RunsOncePerBaseTree_EveryOtherTreeGetsACopyOfItsOutputs()
    {
        var guardrails = demo.First.Json().GetProperty("guardrails");
        var (ran, copied) = (guardrails.GetProperty("setupsRan").GetInt32(), guardrails.GetProperty("setupsCopied").GetInt32());

        // Main holds at most eight trees in the run (seven landings), each set up once; every squad sets up its work tree
        // and at least one copy for its Developer's commit checks.
        Assert.InRange(ran, 1, Issues.Length + 1);
        Assert.True(ran + copied >= 2 * Issues.Length, $"{ran} set-ups ran and {copied} were copied");
        Assert.Contains("under the same rules: outputs copied, not run again", System.Text.RegularExpressions.Regex.Replace(demo.First.Error, @"\s+", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_MergeCommits_AreOnTheDefaultBranchOfTheForge()
    {
        foreach (var issue in Issues)
        {
            var sha = demo.First.Squad(issue).GetProperty("mergeCommit").GetString()!;
            var result = await new GitCli().TryRunAsync(demo.BareRepository, ["merge-base", "--is-ancestor", sha, "main"]);
            Assert.True(result.Succeeded, $"{issue}'s merge commit {sha} is not on main");
        }

        var subjects = await demo.GitAsync("log", "--format=%s", "main");
        Assert.Contains("(#1)", subjects, StringComparison.Ordinal);
        Assert.Contains("(#2)", subjects, StringComparison.Ordinal);
        Assert.Contains("(#3)", subjects, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_SampleTests_PassOnTheMergedDefaultBranch()
    {
        var clone = Path.Combine(Path.GetTempPath(), "squad-demo-main-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await new GitCli().RunAsync(Path.GetTempPath(), ["clone", "-q", "--branch", "main", demo.BareRepository, clone]);
            var result = await ProcessRunner.RunAsync("dotnet", ["test", "--nologo", "-v", "q", "-m:1"], clone, CommandEnvironment.Create(), TimeSpan.FromMinutes(5));

            Assert.True(result.Succeeded, result.Combined);
            Assert.True(File.Exists(Path.Combine(clone, "src", "Checkout", "Shipping", "ShippingPolicy.cs")));
            Assert.Contains("StringComparison.OrdinalIgnoreCase", await File.ReadAllTextAsync(Path.Combine(clone, "src", "Checkout", "Cart.cs")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    [Fact]
    public void Demo_EveryPullRequest_HasDeveloperAndQaCommitsAndBothReviewers()
    {
        foreach (var issue in Issues)
        {
            var pullRequest = demo.First.Squad(issue).GetProperty("pullRequest");
            var authors = pullRequest.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("author").GetString()).ToHashSet();
            Assert.Contains("Squad Developer", authors);
            Assert.Contains("Squad QA", authors);
            var reviewers = pullRequest.GetProperty("reviews").EnumerateArray().Select(r => r.GetProperty("author").GetString()).ToHashSet();
            Assert.Equal(new HashSet<string?> { "squad-code-reviewer", "squad-qa-specialist" }, reviewers);
            Assert.Equal("squad-developer", pullRequest.GetProperty("author").GetString());
        }
    }

    [Theory]
    [InlineData("CHK-4", "CHK-5", "textual conflict with main in src/Checkout/Cart.cs")]
    [InlineData("CHK-6", "CHK-7", "semantic conflict")]
    public void Demo_ConflictingPair_OneLandsTheOtherGoesThroughOneConflictRoundAndBothMerge(string first, string second, string conflict)
    {
        var rounds = new[] { first, second }.Select(issue => demo.First.Squad(issue).GetProperty("conflictRounds").GetInt32()).Order().ToList();
        Assert.Equal([0, 1], rounds);
        Assert.Contains(conflict, demo.First.Error, StringComparison.Ordinal);
        var queue = demo.First.Json().GetProperty("queue");
        Assert.Equal(Issues.Length, queue.GetProperty("merged").GetInt32());
        Assert.Equal(2, queue.GetProperty("conflictRounds").GetInt32());
    }

    [Fact]
    public void Demo_Chk2_GoesThroughRequestChangesThenTwoApprovalsOfTheNewHead()
    {
        var pullRequest = demo.First.Squad("CHK-2").GetProperty("pullRequest");
        var head = pullRequest.GetProperty("headSha").GetString();
        var reviews = pullRequest.GetProperty("reviews").EnumerateArray().ToList();
        var requested = Assert.Single(reviews, r => r.GetProperty("verdict").GetString() == "request_changes");
        var requestedSha = requested.GetProperty("commitSha").GetString();
        Assert.NotEqual(head, requestedSha);

        var commits = pullRequest.GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("sha").GetString()).ToList();
        Assert.True(commits.IndexOf(requestedSha) < commits.Count - 1, "no commit after the request for changes");
        var approvalsOfHead = reviews.Where(r => r.GetProperty("verdict").GetString() == "approve" && r.GetProperty("commitSha").GetString() == head)
            .Select(r => r.GetProperty("author").GetString()).Order().ToList();
        Assert.Equal(["squad-code-reviewer", "squad-qa-specialist"], approvalsOfHead);
        Assert.Equal(2, demo.First.Squad("CHK-2").GetProperty("reviewRounds").GetInt32());
    }

    [Fact]
    public async Task Demo_SecondRunOnTheSameDataDirectory_CreatesNoPullRequestCommitOrComment()
    {
        Assert.Equal(0, demo.Second.ExitCode);
        Assert.Equal(demo.RefsAfterFirst, await demo.GitAsync("for-each-ref"));
        Assert.Equal(demo.CommentsAfterFirst, demo.TrackerComments());
        foreach (var issue in Issues)
        {
            var before = demo.First.Squad(issue).GetProperty("pullRequest");
            var after = demo.Second.Squad(issue).GetProperty("pullRequest");
            Assert.Equal(before.GetProperty("number").GetInt32(), after.GetProperty("number").GetInt32());
            Assert.Equal(Count(before, "comments"), Count(after, "comments"));
            Assert.Equal(Count(before, "reviews"), Count(after, "reviews"));
            Assert.Equal(Count(before, "commits"), Count(after, "commits"));
        }
    }

    [Fact]
    public async Task Demo_Audit_ListsEveryModelCallWithRoleModelHashesTokensAndCost()
    {
        var run = demo.First.Json();

        var audit = await CliResult.RunAsync("audit", run.GetProperty("run").GetProperty("id").GetString()!, "--data-dir", demo.DataDirectory, "--json");

        Assert.Equal(0, audit.ExitCode);
        var calls = audit.Json().GetProperty("modelCalls").EnumerateArray().ToList();
        Assert.Equal(run.GetProperty("usage").GetProperty("calls").GetInt32(), calls.Count);
        Assert.Equal(Issues, calls.Select(c => c.GetProperty("issue").GetString()).Distinct().Order());
        Assert.Equal(4, calls.Select(c => c.GetProperty("role").GetString()).Distinct().Count());
        Assert.All(calls, call =>
        {
            Assert.Equal("scripted", call.GetProperty("model").GetString());
            Assert.Matches("^[0-9a-f]{64}$", call.GetProperty("requestSha256").GetString());
            Assert.Matches("^[0-9a-f]{64}$", call.GetProperty("responseSha256").GetString());
            Assert.True(call.GetProperty("inputTokens").GetInt64() > 0 && call.GetProperty("outputTokens").GetInt64() > 0);
            Assert.True(call.GetProperty("costUsd").GetDecimal() > 0);
        });
    }

    [Fact]
    public void Demo_Summary_ShowsCostPerIssueAndPerRoleAddingUpToTheTotal()
    {
        var run = demo.First.Json();
        var total = run.GetProperty("usage").GetProperty("costUsd").GetDecimal();

        var perIssue = Issues.Select(issue => demo.First.Squad(issue).GetProperty("usage").GetProperty("costUsd").GetDecimal()).ToList();
        var perRole = run.GetProperty("roles").EnumerateArray().ToDictionary(
            r => r.GetProperty("role").GetString()!, r => r.GetProperty("usage").GetProperty("costUsd").GetDecimal());

        Assert.All(perIssue, cost => Assert.True(cost > 0));
        Assert.Equal(["qa", "developer", "code-reviewer", "qa-specialist"], perRole.Keys);
        Assert.All(perRole.Values, cost => Assert.True(cost > 0));
        Assert.Equal(total, perIssue.Sum());
        Assert.Equal(total, perRole.Values.Sum());
        Assert.Equal(0, demo.Second.Json().GetProperty("usage").GetProperty("calls").GetInt32());
    }

    private static int Count(JsonElement pullRequest, string name) => pullRequest.GetProperty(name).GetArrayLength();
}
