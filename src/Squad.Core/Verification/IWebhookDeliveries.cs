namespace Squad.Core.Verification;

/// <summary>
/// The webhook deliveries a server accepted (the data directory's SQLite file), so their ids outlive a restart: the
/// record of a delivery is the intent of its work, and its outcome the completion.
/// </summary>
public interface IWebhookDeliveries
{
    /// <summary>Records <paramref name="delivery"/>; false when its id was recorded before (a replay or redelivery).</summary>
    Task<bool> TryRecordAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default);

    /// <summary>Records what came of the delivery's work.</summary>
    Task CompleteAsync(string id, string outcome, CancellationToken cancellationToken = default);

    /// <summary>The deliveries whose work was accepted and never completed, the oldest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListPendingAsync(CancellationToken cancellationToken = default);
}
