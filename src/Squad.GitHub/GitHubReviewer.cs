namespace Squad.GitHub;

/// <summary>
/// A reviewer role at GitHub. A class, not a record: a record's generated <c>ToString</c> would print the token.
/// </summary>
public sealed class GitHubReviewer
{
    /// <summary>The role's login (<c>identity.login</c> of its agent definition); with a token, the token's GitHub login.</summary>
    public required string Login { get; init; }

    /// <summary>The commit status this reviewer's verdict sets when it has no token of its own (<c>squad/code-review</c>).</summary>
    public required string StatusContext { get; init; }

    /// <summary>The reviewer's own token: its verdicts become real approvals. Without one, a COMMENT review plus a status.</summary>
    public string? Token { get; init; }

    public override string ToString() => $"{Login} ({StatusContext}, {(Token is null ? "no token" : "own token")})";
}
