using Squad.Core;
using Squad.Core.Domain;

namespace Squad.GitHub;

/// <summary>
/// How Squad reaches GitHub. A class, not a record: a record's generated <c>ToString</c> would print the token.
/// </summary>
public sealed class GitHubOptions
{
    public const string DefaultApiUrl = "https://api.github.com";

    /// <summary>The orchestrator's token (<c>GITHUB_TOKEN</c>): it pushes, opens pull requests, comments and merges.</summary>
    public required string Token { get; init; }

    /// <summary>The REST API root: <c>https://api.github.com</c>, or <c>https://HOST/api/v3</c> for GitHub Enterprise Server.</summary>
    public Uri ApiUrl { get; init; } = new(DefaultApiUrl);

    public IReadOnlyList<GitHubReviewer> Reviewers { get; init; } = [];

    /// <summary>How often to ask again while GitHub computes whether a pull request merges.</summary>
    public int MergeabilityAttempts { get; init; } = 10;

    public TimeSpan MergeabilityInterval { get; init; } = TimeSpan.FromSeconds(3);

    /// <summary>How often to read a pull request in GitHub's merge queue, and how long to wait for it to leave the queue.</summary>
    public TimeSpan MergeQueueInterval { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan MergeQueueTimeout { get; init; } = TimeSpan.FromHours(2);

    /// <summary>How often, and how long, to wait for the base branch's required checks on the head before merging.</summary>
    public TimeSpan RequiredChecksInterval { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RequiredChecksTimeout { get; init; } = TimeSpan.FromMinutes(30);

    public override string ToString() => $"GitHub at {ApiUrl} with {Reviewers.Count} reviewer(s)";

    /// <summary>
    /// Reads <c>GITHUB_TOKEN</c>, <c>GITHUB_API_URL</c> and, per reviewer role, <c>SQUAD_&lt;ROLE&gt;_GITHUB_TOKEN</c>
    /// (<c>SQUAD_CODE_REVIEWER_GITHUB_TOKEN</c>, <c>SQUAD_QA_SPECIALIST_GITHUB_TOKEN</c>).
    /// </summary>
    /// <param name="variable">Reads an environment variable.</param>
    /// <param name="reviewerLogins">The reviewer roles and their identities' logins.</param>
    /// <exception cref="SquadException">No token, or a malformed API URL.</exception>
    public static GitHubOptions FromEnvironment(Func<string, string?> variable, IReadOnlyDictionary<Role, string> reviewerLogins)
    {
        ArgumentNullException.ThrowIfNull(variable);
        ArgumentNullException.ThrowIfNull(reviewerLogins);
        var token = variable("GITHUB_TOKEN");
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration, "GitHub needs a token: set GITHUB_TOKEN to a token with repo scope");
        }

        var apiUrl = variable("GITHUB_API_URL") is { Length: > 0 } text ? text : DefaultApiUrl;
        if (!Uri.TryCreate(apiUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                $"GITHUB_API_URL '{apiUrl}' is not an http(s) URL; use https://api.github.com or https://HOST/api/v3 for GitHub Enterprise Server");
        }

        return new GitHubOptions
        {
            Token = token.Trim(),
            ApiUrl = api,
            Reviewers = [.. reviewerLogins.Select(pair => new GitHubReviewer
            {
                Login = pair.Value,
                StatusContext = StatusContext(pair.Key),
                Token = variable(TokenVariable(pair.Key)) is { Length: > 0 } own ? own.Trim() : null,
            })],
        };
    }

    /// <summary><c>SQUAD_CODE_REVIEWER_GITHUB_TOKEN</c> for the Code Reviewer.</summary>
    public static string TokenVariable(Role role)
        => "SQUAD_" + role.ToName().ToUpperInvariant().Replace('-', '_') + "_GITHUB_TOKEN";

    /// <summary><c>squad/code-review</c> for the Code Reviewer, <c>squad/qa-review</c> for the QA Specialist.</summary>
    public static string StatusContext(Role role) => role switch
    {
        Role.CodeReviewer => "squad/code-review",
        Role.QaSpecialist => "squad/qa-review",
        _ => "squad/" + role.ToName(),
    };
}
