using System.Diagnostics;
using Squad.Core.Git;
using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary>
/// Issue 15's acceptance: a cluster of two <c>squad worker</c> processes on a real PostgreSQL runs a scripted milestone;
/// the node that first reaches a squad's implementation is killed with SIGKILL mid-run; its squads resume on the other
/// node from their stored steps, and every issue is merged exactly once, with one pull request each.
/// </summary>
public sealed class ClusterFailoverTests : IDisposable
{
    private const int Issues = 4;

    private readonly ClusterMilestone milestone = new(Issues);

    public void Dispose() => milestone.Dispose();

    [PostgresFact]
    public async Task Run_OneOfTwoNodesKilledMidRun_MergesEveryIssueOnceWithOnePullRequestEach()
    {
        await using var database = await TestPostgres.CreateAsync();
        string[] sandbox = TestSandbox.Unavailable is null ? [] : ["--no-sandbox"];
        // Scripted latency keeps each squad busy for seconds, so the kill lands mid-run; a 2 s lease resumes it soon after.
        string[] tuning = ["--squads", "2", "--lease-seconds", "2", "--dev-scripted-latency-ms", "400", .. sandbox];
        using var a = new ClusterNode("a", database.ConnectionString, milestone, tuning);
        using var b = new ClusterNode("b", database.ConnectionString, milestone, tuning);
        await Task.WhenAll(a.Joined, b.Joined).WaitAsync(TimeSpan.FromSeconds(60));

        var run = CliResult.RunAsync(
        [
            "run", milestone.Milestone, "--cluster", database.ConnectionString, "--dev-local-forge", milestone.Forge,
            "--data-dir", milestone.NodeData("client"), "--model", "scripted", "--json", .. sandbox,
        ]);
        var victim = await FirstToImplementAsync([a, b], run);
        victim.Kill();
        var result = await run.WaitAsync(TimeSpan.FromSeconds(120));

        var survivor = victim == a ? b : a;
        var log = $"client:\n{result.Error}\n{victim.Name}:\n{string.Join('\n', victim.Lines)}\n{survivor.Name}:\n{string.Join('\n', survivor.Lines)}";
        Assert.True(result.ExitCode == 0, log);
        for (var n = 1; n <= Issues; n++)
        {
            var squad = result.Squad($"CL-{n}");
            Assert.True(squad.GetProperty("outcome").GetString() == "merged", $"CL-{n} ended {squad}\n{log}");
            var squashes = await GitAsync("log", "main", "--format=%H", "--fixed-strings", $"--grep=Squad-Issue: CL-{n}");
            Assert.Equal(squad.GetProperty("mergeCommit").GetString(), Assert.Single(squashes.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
            Assert.Equal($"note {n}", await GitAsync("show", $"main:src/note-{n}.txt"));
        }

        var pullRequests = (await GitAsync("for-each-ref", "--format=%(refname)", "refs/pull/")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(Issues, pullRequests.Length);

        // The killed node's squad was started again, on the survivor: the failover happened and did not start it twice at once.
        Assert.Contains(result.Error.Split('\n'), line => line.Contains($"on {survivor.Name} (start 2)", StringComparison.Ordinal));
    }

    /// <summary>The node whose squad first reaches the Developer's pass: killing it then leaves work half done.</summary>
    private static async Task<ClusterNode> FirstToImplementAsync(ClusterNode[] nodes, Task<CliResult> run)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (nodes.FirstOrDefault(n => n.Lines.Any(l => l.Contains(" Implementation: ", StringComparison.Ordinal))) is { } node)
            {
                return node;
            }

            if (run.IsCompleted)
            {
                var early = await run;
                throw new InvalidOperationException($"the run ended before any squad reached its implementation: {early.ExitCode}\n{early.Error}");
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"no squad reached its implementation in 90 s:\n{string.Join('\n', nodes.SelectMany(n => n.Lines))}");
    }

    private async Task<string> GitAsync(params string[] args) => (await new GitCli().RunAsync(milestone.BareRepository, args)).Trim();
}
