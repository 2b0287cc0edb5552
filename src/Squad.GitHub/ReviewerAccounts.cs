using System.Collections.Concurrent;
using Squad.Core;

namespace Squad.GitHub;

/// <summary>
/// Which GitHub account each token belongs to (<c>GET /user</c>, asked once): real reviews by a reviewer token's
/// account count for the reviewer role even when the logins differ, and verdict markers count only when the
/// orchestrator's own account wrote them.
/// </summary>
internal sealed class ReviewerAccounts(GitHubApi api, Func<string, GitHubApi> withToken, IReadOnlyList<GitHubReviewer> reviewers) : IDisposable
{
    private readonly ConcurrentDictionary<string, string> roleByAccount = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim gate = new(1, 1);
    private bool resolved;
    private string? orchestrator;

    /// <summary>The login of the orchestrator's token, or null when the token cannot tell (a GitHub App installation token).</summary>
    public string? Orchestrator => orchestrator;

    /// <summary>Account login to role login, for the reviewers that have tokens of their own.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ResolveAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (!resolved)
            {
                orchestrator = await AccountAsync(null);
                foreach (var reviewer in reviewers.Where(r => r.Token is not null))
                {
                    roleByAccount[await AccountAsync(reviewer.Token) ?? reviewer.Login] = reviewer.Login;
                }

                resolved = true;
            }

            return roleByAccount;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Dispose() => gate.Dispose();

    private async Task<string?> AccountAsync(string? token)
    {
        try
        {
            var asked = token is null ? api : withToken(token);
            var user = await asked.CallAsync(HttpMethod.Get, "user", () => asked.Octokit.User.Current());
            return user.Login;
        }
        catch (SquadException exception) when (exception.Code == SquadErrorCode.Integration && !exception.Message.Contains("(401)", StringComparison.Ordinal))
        {
            // A GitHub App installation token cannot read /user: its reviews carry the app's bot login, which the
            // reviewer's configured login must then name.
            return null;
        }
    }
}
