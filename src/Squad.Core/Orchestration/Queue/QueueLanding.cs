namespace Squad.Core.Orchestration.Queue;

/// <summary>What the merge queue did with one candidate. Conflicts and failures are values: the squad acts on them.</summary>
internal sealed record QueueLanding
{
    public required QueueLandingKind Kind { get; init; }

    /// <summary>The squash commit on the base branch, when merged.</summary>
    public string? MergeCommitSha { get; init; }

    /// <summary>The tree that landed, when the code host merged exactly the tested tree.</summary>
    public string? Tree { get; init; }

    /// <summary>The base branch tip the result was built on (the main the conflict is with).</summary>
    public string? BaseSha { get; init; }

    /// <summary>The files in conflict (textual), sorted.</summary>
    public IReadOnlyList<string> Files { get; init; } = [];

    /// <summary>Why: the refusal, or the failing guardrail and its output (semantic conflict, head failure). Untrusted text.</summary>
    public string Detail { get; init; } = "";

    public static QueueLanding Merged(string sha, string baseSha, string? tree = null)
        => new() { Kind = QueueLandingKind.Merged, MergeCommitSha = sha, BaseSha = baseSha, Tree = tree };

    public static QueueLanding Of(QueueLandingKind kind, string detail, string? baseSha = null, IReadOnlyList<string>? files = null)
        => new() { Kind = kind, Detail = detail, BaseSha = baseSha, Files = files ?? [] };

    /// <summary>One line for the live view, the PR comment and a hand-off reason.</summary>
    public string Summary => Kind switch
    {
        QueueLandingKind.TextualConflict => $"textual conflict with main in {string.Join(", ", Files)}",
        QueueLandingKind.SemanticConflict => "semantic conflict: the merge result with main fails the merge guardrails, the head alone passes",
        _ => Detail.Split('\n', 2)[0],
    };
}
