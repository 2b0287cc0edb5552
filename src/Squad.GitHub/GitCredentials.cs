using System.Text;

namespace Squad.GitHub;

/// <summary>
/// Gives git the token as an HTTP header through environment variables only (git's <c>GIT_CONFIG_COUNT</c>
/// mechanism): never on a command line, in a file, in a remote URL or in a worktree's configuration.
/// </summary>
internal static class GitCredentials
{
    public static IReadOnlyDictionary<string, string> Environment(string token) => new Dictionary<string, string>
    {
        ["GIT_CONFIG_COUNT"] = "1",
        ["GIT_CONFIG_KEY_0"] = "http.extraHeader",
        ["GIT_CONFIG_VALUE_0"] = "Authorization: Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + token)),
    };

    /// <summary>
    /// <c>git push</c> of the worktree's HEAD to the branch; <c>--no-verify</c> because hooks of a worktree that
    /// agents worked in must not run in the orchestrator.
    /// </summary>
    public static IReadOnlyList<string> PushArguments(string cloneUrl, string branch)
        => ["push", "--no-verify", "--quiet", cloneUrl, "HEAD:refs/heads/" + branch];
}
