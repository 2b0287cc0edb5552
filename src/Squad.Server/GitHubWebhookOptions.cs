using Squad.Core.Verification;

namespace Squad.Server;

/// <summary>The <c>POST /github/webhook</c> route of <c>squad serve</c>: its secret, the repositories it heals, and where deliveries are kept.</summary>
public sealed record GitHubWebhookOptions
{
    /// <summary>The webhook's secret (<c>GITHUB_WEBHOOK_SECRET</c>): every delivery must be signed with it.</summary>
    public required string Secret { get; init; }

    /// <summary>The repositories (<c>owner/name</c>, any case) whose red default branch starts the Healer.</summary>
    public required IReadOnlySet<string> Repositories { get; init; }

    /// <summary>What runs the Healer and its fix squad.</summary>
    public required IRepositoryHealer Healer { get; init; }

    /// <summary>The accepted deliveries by id (the data directory's database), so a restart forgets none.</summary>
    public required IWebhookDeliveries Deliveries { get; init; }
}
