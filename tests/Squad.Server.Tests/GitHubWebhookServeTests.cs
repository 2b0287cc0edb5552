using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Squad.Core.Domain;
using Squad.Core.Git;
using Squad.Core.Orchestration;
using Squad.Storage;
using SquadScript = Squad.Cli.Tests.SquadScript;

namespace Squad.Server.Tests;

/// <summary>
/// The webhook end to end: <c>squad serve</c> (a child process, the notes repository on the local forge, scripted
/// agents, the sandbox) is killed by <c>SQUAD_CRASH_AT=webhook:accepted</c> right after it accepted GitHub's report of a
/// red main; restarted, GitHub's redelivery of the same id is a replay, and the accepted delivery's Healer run files one
/// stub and merges one fix squad.
/// </summary>
public sealed class GitHubWebhookServeTests : IDisposable
{
    private const string Secret = "serve-webhook-secret-0123456789";
    private const int Killed = 128 + 9;

    private readonly NotesMilestone notes = new();

    public void Dispose() => notes.Dispose();

    [Fact]
    public async Task Serve_KilledAfterAcceptingARedMainDelivery_RestartsAndMergesOneFixSquad()
    {
        MakeMainRed();
        var port = ServeChild.FreePort();
        string[] args = ["--urls", $"http://127.0.0.1:{port}", "--data-dir", notes.DataDirectory, "--model", "scripted", "--slack-mode", "off"];
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };

        using (var first = ServeChild.Start(Environment(CrashPoint.Variable, "webhook:accepted"), args))
        {
            await first.WaitListeningAsync();
            Assert.Contains("POST /github/webhook on: a failed check_suite or workflow_run on the default branch of notes starts the Healer", first.Error, StringComparison.Ordinal);
            await Assert.ThrowsAsync<HttpRequestException>(() => DeliverAsync(http));
            Assert.Equal(Killed, await first.WaitForExitAsync());
        }

        using var second = ServeChild.Start(Environment(), args);
        await second.WaitListeningAsync();
        using (var redelivery = await DeliverAsync(http))
        {
            Assert.Equal(HttpStatusCode.Accepted, redelivery.StatusCode);
            Assert.Contains("was received before: nothing started", await redelivery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var squad = await SettledFixSquadAsync(second);
        Assert.True(squad.Outcome == SquadOutcome.Merged, $"HEAL-1 ended {squad.Outcome}: {squad.Reason}\n{second.Error}");
        Assert.True(File.Exists(Path.Combine(notes.Milestone, "HEAL-1.md")));
        Assert.False(File.Exists(Path.Combine(notes.Milestone, "HEAL-2.md")));
        using var ledger = new SqliteHealerLedger(Path.Combine(notes.DataDirectory, "squad.db"), TimeProvider.System);
        var attempt = Assert.Single(await ledger.ListAsync());
        Assert.Equal((1, "HEAL-1"), (attempt.Attempts, attempt.LastIssue));
        var bare = Path.Combine(notes.DataDirectory, "forge", "repos", "notes.git");
        var git = new GitCli();
        Assert.Equal("farewell, visitor", (await git.RunAsync(bare, ["show", "main:src/farewell.txt"])).Trim());
        var squashes = (await git.RunAsync(bare, ["log", "main", "--format=%H", "--fixed-strings", "--grep=Squad-Issue: HEAL-1"])).Trim();
        Assert.Single(squashes.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>Waits for HEAL-1's squad to settle and for the delivery's run to end (nothing pending).</summary>
    private async Task<SquadRecord> SettledFixSquadAsync(ServeChild serve)
    {
        var database = Path.Combine(notes.DataDirectory, "squad.db");
        using var store = new SqliteRunStore(database, TimeProvider.System);
        using var deliveries = new SqliteWebhookDeliveries(database, TimeProvider.System);
        var deadline = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromMinutes(4), "the fix squad did not settle in time:\n" + serve.Error);
            if (await store.GetSquadAsync(Path.GetFullPath(notes.Milestone), "HEAL-1") is { } squad && SquadRunner.IsSettled(squad)
                && (await deliveries.ListPendingAsync()).Count == 0)
            {
                return squad;
            }

            await Task.Delay(250);
        }
    }

    private static Task<HttpResponseMessage> DeliverAsync(HttpClient http)
    {
        var body = """
            {"action":"completed","check_suite":{"id":5,"head_branch":"main","head_sha":"0123456789abcdef0123456789abcdef01234567","status":"completed","conclusion":"failure"},
             "repository":{"id":7,"name":"notes","full_name":"notes","default_branch":"main"},"sender":{"login":"github-actions[bot]"}}
            """;
        var request = new HttpRequestMessage(HttpMethod.Post, "github/webhook") { Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")) };
        request.Headers.Add("X-GitHub-Event", "check_suite");
        request.Headers.Add("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
        request.Headers.Add("X-Hub-Signature-256", new GitHubWebhookVerifier(Secret).Sign(Encoding.UTF8.GetBytes(body)));
        return http.SendAsync(request);
    }

    private static Dictionary<string, string> Environment(params string[] extra)
    {
        var environment = new Dictionary<string, string> { ["GITHUB_WEBHOOK_SECRET"] = Secret, [CrashPoint.Variable] = "" };
        for (var i = 0; i < extra.Length; i += 2)
        {
            environment[extra[i]] = extra[i + 1];
        }

        return environment;
    }

    /// <summary>Main's verify suite needs a file main does not have; a sweep with <c>heal: true</c> names the milestone; the fix is scripted.</summary>
    private void MakeMainRed()
    {
        File.WriteAllText(Path.Combine(notes.Repository, ".squad.yml"), """
            commands:
              format: sh tools/format.sh
              lint: "! grep -rIl FIXME src tests"
              test: sh tools/run-tests.sh
              smoke: sh tools/smoke.sh
            guardrails:
              after_write: [format]
              before_commit: [lint, test]
              merge: [lint, test]
            verify: [lint, test, smoke]
            protected_paths: [".github/workflows/**", "tools/**"]
            """);
        File.WriteAllText(Path.Combine(notes.Repository, "tools", "smoke.sh"), """
            grep -q farewell src/farewell.txt 2>/dev/null && { echo "smoke: ok"; exit 0; }
            echo "error: src/farewell.txt is missing"
            exit 1
            """);
        Directory.CreateDirectory(notes.DataDirectory);
        File.WriteAllText(Path.Combine(notes.DataDirectory, "squad.yml"), $"""
            sweeps:
              - name: heal-notes
                cron: "0 0 1 1 *"
                milestones: ["{notes.Milestone}"]
                heal: true
            """);
        File.AppendAllText(Path.Combine(notes.Milestone, "scripted-responses.yaml"), SquadScript.Issue(
            "HEAL-1",
            new SquadScript.Commit("tests/farewell.sh", "grep -q farewell src/farewell.txt\n", "Regression test: the farewell note exists"),
            new SquadScript.Commit("src/farewell.txt", "farewell, visitor\n", "Write the farewell note"),
            SquadScript.Diagnosis(
                "src/farewell.txt was never written, so the smoke suite fails on main.",
                "Add src/farewell.txt.",
                "Scenario: The farewell note exists\n  Given the notes repository\n  When the smoke suite runs\n  Then src/farewell.txt says farewell")));
    }
}
