namespace Squad.Core.Verification;

/// <summary>
/// A verified webhook delivery, kept by its id so a redelivery or replay starts nothing twice, and so work accepted
/// but never finished (the process died) is taken up again when the server starts.
/// </summary>
public sealed record WebhookDelivery
{
    /// <summary>The sender's delivery id (GitHub's <c>X-GitHub-Delivery</c>).</summary>
    public required string Id { get; init; }

    /// <summary>The event it carried (<c>check_suite</c>, <c>workflow_run</c>, ...).</summary>
    public required string Event { get; init; }

    /// <summary>The repository (<c>owner/name</c>) to heal, or null when the delivery starts nothing.</summary>
    public string? Repository { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>What came of it (<c>ignored: ...</c>, <c>healed</c>, <c>failed: ...</c>); null while its work is pending.</summary>
    public string? Outcome { get; init; }
}
