namespace Squad.Core.Domain;

/// <summary>Who acts: commit author and PR reviewer or commenter. Each role has its own.</summary>
public sealed record Identity
{
    public required string Name { get; init; }

    public required string Email { get; init; }

    /// <summary>The login at the code host (for the local forge, the role name).</summary>
    public required string Login { get; init; }
}
