using System.Net;
using Squad.Core.Verification;
using Squad.Storage;

namespace Squad.Server.Tests;

/// <summary>
/// <c>POST /github/webhook</c> over real HTTP on loopback with its deliveries in a real SQLite file: forged signatures,
/// replays (also across a restart), a delivery accepted before a kill and never run, and what is ignored.
/// </summary>
public sealed class GitHubWebhookEndpointTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("squad-webhook-");
    private readonly FakeHealer healer = new();

    private string Database => Path.Combine(folder.FullName, "squad.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task Deliver_UnsignedForgedOrTampered_Is401AndStartsNothing()
    {
        await using var server = await GitHubWebhookHarness.StartAsync(Database, healer);
        var body = GitHubWebhookHarness.Run();
        var forged = new GitHubWebhookVerifier("a secret the attacker guessed").Sign(System.Text.Encoding.UTF8.GetBytes(body));
        var otherBody = GitHubWebhookHarness.Signer.Sign("{}"u8);
        var sha1 = "sha1=" + GitHubWebhookHarness.Signer.Sign(System.Text.Encoding.UTF8.GetBytes(body))[7..];

        foreach (var signature in new[] { "", forged, otherBody, sha1, "sha256=" })
        {
            using var response = await server.DeliverAsync("d-forged", body, signature: signature);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        // The forged deliveries did not burn the id: GitHub's own delivery of it is still taken.
        using var genuine = await server.DeliverAsync("d-forged", body);
        Assert.Equal(HttpStatusCode.Accepted, genuine.StatusCode);
        await server.SettleAsync();
        Assert.Equal(["acme/shop"], healer.Healed);
    }

    [Fact]
    public async Task Deliver_Ping_Is200AndStartsNothing()
    {
        await using var server = await GitHubWebhookHarness.StartAsync(Database, healer);

        using var response = await server.DeliverAsync("d-ping", """{"zen":"Keep it logically awesome.","hook_id":42}""", "ping");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(healer.Healed);
    }

    [Fact]
    public async Task Deliver_FailedRunOnMain_HealsOnceAndItsReplayStartsNothingEvenAfterARestart()
    {
        await using (var server = await GitHubWebhookHarness.StartAsync(Database, healer))
        {
            using var first = await server.DeliverAsync("d-1", GitHubWebhookHarness.Run());
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
            Assert.Contains("the Healer examines acme/shop in run r1", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await server.SettleAsync();

            using var replay = await server.DeliverAsync("d-1", GitHubWebhookHarness.Run());
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
            Assert.Contains("delivery d-1 was received before: nothing started", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Empty(await server.PendingAsync());
        }

        await using (var restarted = await GitHubWebhookHarness.StartAsync(Database, healer))
        {
            using var replay = await restarted.DeliverAsync("d-1", GitHubWebhookHarness.Run("workflow_run"), "workflow_run");
            Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
            using var next = await restarted.DeliverAsync("d-2", GitHubWebhookHarness.Run("workflow_run"), "workflow_run");
            Assert.Equal(HttpStatusCode.Accepted, next.StatusCode);
            await restarted.SettleAsync();
        }

        Assert.Equal(["acme/shop", "acme/shop"], healer.Healed); // d-1 once, d-2 once
    }

    [Fact]
    public async Task Start_DeliveryAcceptedButNeverRun_HealsItOnceAndItsRedeliveryIsAReplay()
    {
        // What a kill at webhook:accepted leaves: the delivery recorded, its run never queued.
        using (var deliveries = new SqliteWebhookDeliveries(Database, TimeProvider.System))
        {
            Assert.True(await deliveries.TryRecordAsync(new WebhookDelivery { Id = "d-killed", Event = "check_suite", Repository = "acme/shop", ReceivedAt = DateTimeOffset.UtcNow }));
        }

        await using (var server = await GitHubWebhookHarness.StartAsync(Database, healer))
        {
            using var redelivery = await server.DeliverAsync("d-killed", GitHubWebhookHarness.Run());
            Assert.Equal(HttpStatusCode.Accepted, redelivery.StatusCode);
            Assert.Contains("received before", await redelivery.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await server.SettleAsync();
            Assert.Empty(await server.PendingAsync());
            Assert.Contains(server.Logs.Messages, m => m.Contains("d-killed was accepted before a restart", StringComparison.Ordinal));
        }

        await using (var again = await GitHubWebhookHarness.StartAsync(Database, healer))
        {
            await again.SettleAsync();
        }

        Assert.Equal(["acme/shop"], healer.Healed);
    }

    [Theory]
    [InlineData("push", "check_suite", "failure", "main", "acme/shop", "event 'push' is not check_suite or workflow_run")]
    [InlineData("check_suite", "check_suite", "success", "main", "acme/shop", "conclusion 'success' is not a failure")]
    [InlineData("workflow_run", "workflow_run", "failure", "feature", "acme/shop", "branch 'feature' is not the default branch")]
    [InlineData("workflow_run", "workflow_run", "failure", "main", "evil/shop", "repository 'evil/shop' is not one serve is configured for")]
    public async Task Deliver_AnythingElse_Is202IgnoredWithTheReasonLogged(string eventName, string run, string conclusion, string branch, string repository, string reason)
    {
        await using var server = await GitHubWebhookHarness.StartAsync(Database, healer);

        using var response = await server.DeliverAsync("d-other", GitHubWebhookHarness.Run(run, conclusion, branch, repository), eventName);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("ignored: " + reason, await response.Content.ReadAsStringAsync());
        Assert.Contains("GitHub delivery d-other ignored: " + reason, server.Logs.Messages);
        Assert.Empty(healer.Healed);
        Assert.Empty(await server.PendingAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("d 1; DROP TABLE webhook_deliveries")]
    public async Task Deliver_NoUsableDeliveryId_Is400(string delivery)
    {
        await using var server = await GitHubWebhookHarness.StartAsync(Database, healer);

        using var response = await server.DeliverAsync(delivery, GitHubWebhookHarness.Run());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(healer.Healed);
    }
}
