using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Squad.Core.Git;
using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary>
/// Issue 15: Slack commands are accepted by any node running <c>squad serve --cluster</c>. Two serve processes receive
/// the same signed <c>/squad run</c> (a retry that reached both, or two people at once); the squads run on a worker,
/// each issue's grain starts its squad once: every issue merged once, one pull request each, both nodes report it.
/// </summary>
public sealed class ClusterServeTests : IDisposable
{
    private const string Secret = "cluster-serve-signing-secret";
    private const string User = "U0CLUSTER";
    private const string Operator = "operator-token-for-the-cluster-test";

    private readonly ClusterMilestone milestone = new(2);

    public void Dispose() => milestone.Dispose();

    [PostgresFact]
    public async Task Serve_SameCommandOnTwoServeNodes_EachIssueMergesOnceInTheCluster()
    {
        await using var database = await TestPostgres.CreateAsync();
        string[] sandbox = TestSandbox.Unavailable is null ? [] : ["--no-sandbox"];
        using var worker = new ClusterNode("w", database.ConnectionString, milestone, ["--squads", "2", "--lease-seconds", "2", "--dev-scripted-latency-ms", "100", .. sandbox]);
        // Slack's response_url on loopback: each node posts its replies under its own path.
        await using var replies = LoopbackServer.Start(_ => new LoopbackResponse());
        using var first = new ServeNode("s1", database.ConnectionString, milestone);
        using var second = new ServeNode("s2", database.ConnectionString, milestone);
        await Task.WhenAll(worker.Joined, first.Listening, second.Listening).WaitAsync(TimeSpan.FromSeconds(90));

        using var http = new HttpClient();
        var acknowledged = await Task.WhenAll(
            CommandAsync(http, await first.Listening, replies.BaseAddress + "s1"),
            CommandAsync(http, await second.Listening, replies.BaseAddress + "s2"));
        Assert.All(acknowledged, status => Assert.Equal(HttpStatusCode.OK, status));

        var log = () => $"worker:\n{string.Join('\n', worker.Lines)}\ns1:\n{string.Join('\n', first.Lines)}\ns2:\n{string.Join('\n', second.Lines)}\nreplies:\n{string.Join('\n', replies.Requests.Select(r => $"{r.Path} {r.Body}"))}";
        var clock = Stopwatch.StartNew();
        while (!(Finished(replies, "s1") && Finished(replies, "s2")))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(150), "the run did not finish on both serve nodes\n" + log());
            await Task.Delay(250);
        }

        for (var n = 1; n <= milestone.Count; n++)
        {
            var squashes = await GitAsync("log", "main", "--format=%H", "--fixed-strings", $"--grep=Squad-Issue: CL-{n}");
            Assert.True(squashes.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length == 1, $"CL-{n}: {squashes}\n{log()}");
            Assert.All(["s1", "s2"], node => Assert.Contains(replies.Requests, b => b.Path == "/" + node && b.Body.Contains($"CL-{n} merged", StringComparison.Ordinal)));
        }

        var pullRequests = (await GitAsync("for-each-ref", "--format=%(refname)", "refs/pull/")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(milestone.Count, pullRequests.Length);

        // The dashboard's button on one serve node stops merges for the whole cluster; the other node's dashboard and the
        // workers see it; squad stop-merges --release --cluster allows them again.
        using var killSwitch = new Squad.Storage.Postgres.PostgresKillSwitch(database.ConnectionString, TimeProvider.System);
        using var press = new HttpRequestMessage(HttpMethod.Post, new Uri(await first.Listening, "/api/kill-switch"))
        {
            Content = new StringContent("""{"engaged": true}""", Encoding.UTF8, "application/json"),
        };
        press.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Operator);
        using (var pressed = await http.SendAsync(press))
        {
            Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        }

        Assert.StartsWith("merges stopped from the dashboard at ", await killSwitch.ReasonAsync());
        Assert.Contains("\"killSwitch\":{\"engaged\":true", await http.GetStringAsync(new Uri(await second.Listening, "/api/runs")), StringComparison.Ordinal);
        var released = await CliResult.RunAsync("stop-merges", "--release", "--cluster", database.ConnectionString);
        Assert.True(released.ExitCode == 0, released.Error);
        Assert.StartsWith("merges allowed again for every node of the cluster", released.Output, StringComparison.Ordinal);
        Assert.Null(await killSwitch.ReasonAsync());
    }

    private bool Finished(LoopbackServer replies, string node)
        => Enumerable.Range(1, milestone.Count).All(n => replies.Requests.Any(b => b.Path == "/" + node && b.Body.Contains($"CL-{n} ", StringComparison.Ordinal)));

    private async Task<HttpStatusCode> CommandAsync(HttpClient http, Uri serve, string responseUrl)
    {
        var body = "token=t&team_id=T0TEAM&user_id=" + User + "&channel_id=C0CHAN&command=%2Fsquad&text=" + Uri.EscapeDataString("run " + milestone.Milestone)
            + "&response_url=" + Uri.EscapeDataString(responseUrl) + "&trigger_id=1";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(serve, "/slack/commands"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        request.Headers.Add("X-Slack-Signature", signature);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<string> GitAsync(params string[] args) => (await new GitCli().RunAsync(milestone.BareRepository, args)).Trim();

    /// <summary><c>squad serve --cluster</c> as a child process on a free loopback port.</summary>
    private sealed class ServeNode : IDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> lines = new();
        private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ServeNode(string name, string connectionString, ClusterMilestone milestone)
        {
            var url = $"http://127.0.0.1:{FreePort()}";
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.Environment["SLACK_SIGNING_SECRET"] = Secret;
            if (name == "s1")
            {
                start.Environment["SQUAD_DASHBOARD_TOKEN"] = Operator;
            }

            foreach (var argument in (string[])[Path.Combine(AppContext.BaseDirectory, "squad.dll"), "serve", "--urls", url, "--allow-users", User,
                "--cluster", connectionString, "--dev-local-forge", milestone.Forge, "--data-dir", milestone.NodeData(name), "--model", "scripted"])
            {
                start.ArgumentList.Add(argument);
            }

            process = Process.Start(start)!;
            process.OutputDataReceived += (_, e) => Keep(e.Data, url);
            process.ErrorDataReceived += (_, e) => Keep(e.Data, url);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Task<Uri> Listening => listening.Task;

        public IReadOnlyCollection<string> Lines => lines;

        public void Dispose()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
            }

            process.Dispose();
        }

        private void Keep(string? line, string url)
        {
            if (line is null)
            {
                return;
            }

            lines.Enqueue(line);
            if (line.Contains("squad serve: listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(url));
            }
            else if (line.StartsWith("error:", StringComparison.Ordinal))
            {
                listening.TrySetException(new InvalidOperationException(line));
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
