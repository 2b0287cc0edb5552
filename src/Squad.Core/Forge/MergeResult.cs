namespace Squad.Core.Forge;

/// <summary>The outcome of a merge attempt. Expected refusals are values, not exceptions.</summary>
public sealed record MergeResult
{
    public required MergeStatus Status { get; init; }

    public string? MergeCommitSha { get; init; }

    public string? Message { get; init; }

    public static MergeResult Merged(string sha) => new() { Status = MergeStatus.Merged, MergeCommitSha = sha };

    public static MergeResult Refused(MergeStatus status, string message) => new() { Status = status, Message = message };
}
