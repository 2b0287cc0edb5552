using Squad.Core.Verification;
using Squad.Testing;

namespace Squad.Storage.Tests;

/// <summary>The webhook deliveries in a real SQLite file: an id once, pending until completed, a done id forgotten after 30 days.</summary>
public sealed class SqliteWebhookDeliveriesTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("squad-deliveries-");
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
    }

    [Fact]
    public async Task TryRecord_SameIdTwice_TakesItOnceAndKeepsItPendingUntilCompleted()
    {
        using var deliveries = Open();

        Assert.True(await deliveries.TryRecordAsync(Delivery("d-1")));
        Assert.False(await deliveries.TryRecordAsync(Delivery("d-1") with { Repository = "evil/other" }));
        var pending = Assert.Single(await deliveries.ListPendingAsync());
        Assert.Equal(("d-1", "acme/shop"), (pending.Id, pending.Repository));

        await deliveries.CompleteAsync("d-1", "done");

        Assert.Empty(await deliveries.ListPendingAsync());
        Assert.False(await deliveries.TryRecordAsync(Delivery("d-1")));
    }

    [Fact]
    public async Task TryRecord_AfterThirtyDays_ForgetsDoneIdsButNeverPendingOnes()
    {
        using (var deliveries = Open())
        {
            await deliveries.TryRecordAsync(Delivery("d-done"));
            await deliveries.CompleteAsync("d-done", "done");
            await deliveries.TryRecordAsync(Delivery("d-pending"));
        }

        time.Advance(SqliteWebhookDeliveries.Memory + TimeSpan.FromMinutes(1));
        using var restarted = Open();

        Assert.True(await restarted.TryRecordAsync(Delivery("d-new")));
        Assert.True(await restarted.TryRecordAsync(Delivery("d-done"))); // forgotten: the Healer's cool-down covers it
        Assert.False(await restarted.TryRecordAsync(Delivery("d-pending")));
        Assert.Equal(["d-pending", "d-done", "d-new"], (await restarted.ListPendingAsync()).Select(d => d.Id));
    }

    private SqliteWebhookDeliveries Open() => new(Path.Combine(folder.FullName, "squad.db"), time);

    private WebhookDelivery Delivery(string id) => new() { Id = id, Event = "check_suite", Repository = "acme/shop", ReceivedAt = time.GetUtcNow() };
}
