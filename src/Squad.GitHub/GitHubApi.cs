using Octokit;

namespace Squad.GitHub;

/// <summary>
/// Octokit as the code host's REST client: its typed calls through Squad's handler, each failure in Squad's one-line
/// wording with the API root's path in front (as GitHub sees it) and every token scrubbed.
/// </summary>
internal sealed class GitHubApi(IGitHubClient octokit, Uri apiRoot, Func<IEnumerable<string>> secrets)
{
    /// <summary>Octokit's pagination, a hundred to a page (GitHub's largest) rather than its default thirty.</summary>
    public static readonly ApiOptions Pages = new() { PageSize = 100 };

    public IGitHubClient Octokit => octokit;

    /// <summary>Octokit's connection for routes whose convenience method sends parameters GitHub's description lacks.</summary>
    public ApiConnection Connection { get; } = new(octokit.Connection);

    public Task<T> CallAsync<T>(HttpMethod method, string path, Func<Task<T>> call) => GitHubOctokit.CallAsync(method, PathOf(path), secrets(), call);

    /// <summary>Like <see cref="CallAsync{T}"/>, with GitHub's 404 as null.</summary>
    public async Task<T?> FindAsync<T>(HttpMethod method, string path, Func<Task<T>> call)
        where T : class
    {
        try
        {
            return await call();
        }
        catch (NotFoundException)
        {
            return null;
        }
        catch (ApiException exception)
        {
            throw Failure(exception, method, path);
        }
    }

    public Core.SquadException Failure(ApiException exception, HttpMethod method, string path) => GitHubOctokit.FromOctokit(exception, method, PathOf(path), secrets());

    private string PathOf(string path) => apiRoot.AbsolutePath.TrimEnd('/') + "/" + path;
}
