namespace Squad.Core.Verification;

/// <summary>The Healer's attempts at one cause of a red main (a repository and a <see cref="FailureSignature"/>).</summary>
public sealed record HealerRecord
{
    public required string Repository { get; init; }

    public required string Signature { get; init; }

    public required int Attempts { get; init; }

    public required DateTimeOffset LastAttemptAt { get; init; }

    /// <summary>The stub issue of the latest attempt (<c>HEAL-3</c>).</summary>
    public required string LastIssue { get; init; }

    /// <summary>The commit of main that was red when the latest attempt started.</summary>
    public required string LastCommit { get; init; }

    /// <summary>What failed, in one line: the command and its exit code, or the code host's checks.</summary>
    public required string Summary { get; init; }
}
