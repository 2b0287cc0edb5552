namespace Squad.Core.Orchestration.Queue;

internal enum QueueLandingKind
{
    /// <summary>The tested merge result landed.</summary>
    Merged,

    /// <summary>The head moved after approval: it needs its own reviews.</summary>
    HeadChanged,

    /// <summary>The approved head does not merge cleanly into the current base.</summary>
    TextualConflict,

    /// <summary>The merge result fails the merge guardrails while the head alone passes them.</summary>
    SemanticConflict,

    /// <summary>The head fails the merge guardrails on its own: a fix round, as any failing gate.</summary>
    HeadFails,

    /// <summary>The code host refused for another reason: a person looks.</summary>
    Refused,
}
