namespace Squad.Server;

/// <summary>What serve does with a verified GitHub delivery.</summary>
internal enum GitHubWebhookDecisionKind
{
    /// <summary>A <c>ping</c>: answer 200, start nothing.</summary>
    Pong,

    /// <summary>A failed run on a configured repository's default branch: the Healer examines it.</summary>
    Heal,

    /// <summary>Anything else: answer 202 and log the reason.</summary>
    Ignored,
}
