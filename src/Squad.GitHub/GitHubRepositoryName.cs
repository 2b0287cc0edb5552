using Squad.Core;

namespace Squad.GitHub;

/// <summary>A repository named <c>owner/name</c>, and the API paths under it.</summary>
internal sealed record GitHubRepositoryName
{
    public required string Owner { get; init; }

    public required string Name { get; init; }

    /// <summary><c>repos/OWNER/NAME</c>, relative to the API root.</summary>
    public string Path => $"repos/{Uri.EscapeDataString(Owner)}/{Uri.EscapeDataString(Name)}";

    public static GitHubRepositoryName Parse(string repository)
    {
        var parts = (repository ?? "").Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            throw new SquadException(SquadErrorCode.InvalidInput,
                $"'{repository}' is not a GitHub repository name; write it as owner/name (for example acme/checkout)");
        }

        return new GitHubRepositoryName { Owner = parts[0], Name = parts[1] };
    }

    public override string ToString() => $"{Owner}/{Name}";
}
