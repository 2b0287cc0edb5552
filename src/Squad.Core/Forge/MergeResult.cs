namespace Squad.Core.Forge;

/// <summary>The outcome of a merge attempt. Expected refusals are values, not exceptions.</summary>
public sealed record MergeResult
{
    public required MergeStatus Status { get; init; }

    public string? MergeCommitSha { get; init; }

    public string? Message { get; init; }

    /// <summary>
    /// Merged, but not exactly as tested: a host that cannot make the merge conditional on the base (GitHub) checks the
    /// squash afterwards and names here a parent or tree other than the tested ones. The queue reports it; the
    /// post-merge verification tests the base branch's new commit anyway.
    /// </summary>
    public string? Warning { get; init; }

    public static MergeResult Merged(string sha) => new() { Status = MergeStatus.Merged, MergeCommitSha = sha };

    public static MergeResult Refused(MergeStatus status, string message) => new() { Status = status, Message = message };
}
