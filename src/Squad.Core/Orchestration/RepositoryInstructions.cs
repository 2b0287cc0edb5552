using Squad.Core.Configuration;
using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// The repository's own instructions for those who work on it: <c>AGENTS.md</c> (or else <c>CLAUDE.md</c>) at the root of
/// the base branch, and <c>instructions:</c> of the base branch's <c>.squad.yml</c>. Read from the base branch, never from
/// the squad's branch, so an agent cannot rewrite the instructions the next pass gets; still data in the briefing.
/// </summary>
internal static class RepositoryInstructions
{
    public const int MaxCharacters = 8_000;

    private static readonly string[] Files = ["AGENTS.md", "CLAUDE.md"];

    /// <summary>The files' part by base commit: an object id names the same files forever, and every pass of every squad on one base asks for it.</summary>
    private static readonly KeptAnswers<string?> FromFiles = new(16);

    /// <summary>The instructions of the base branch at <paramref name="baseCommit"/> (an object id, read in <paramref name="workspace"/>, which holds it).</summary>
    public static async Task<string?> ReadAsync(GitCli git, string workspace, string baseCommit, RepositoryConfig config, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        if (await FilesAsync(git, workspace, baseCommit, cancellationToken) is { } fromFile)
        {
            parts.Add(fromFile);
        }

        if (config.Instructions is { Length: > 0 } configured)
        {
            parts.Add($"From .squad.yml:\n\n{configured.Trim()}");
        }

        return parts.Count == 0 ? null : Tools.CommandRunner.Truncate(string.Join("\n\n", parts), MaxCharacters).TrimEnd();
    }

    private static Task<string?> FilesAsync(GitCli git, string workspace, string baseCommit, CancellationToken cancellationToken)
        => GitCli.IsObjectId(baseCommit)
            ? FromFiles.GetAsync(baseCommit, () => ReadFilesAsync(git, workspace, baseCommit, CancellationToken.None), cancellationToken: cancellationToken)
            : ReadFilesAsync(git, workspace, baseCommit, cancellationToken);

    private static async Task<string?> ReadFilesAsync(GitCli git, string workspace, string revision, CancellationToken cancellationToken)
    {
        foreach (var file in Files)
        {
            if (await ShowAsync(git, workspace, $"{revision}:{file}", cancellationToken) is { Length: > 0 } text)
            {
                return $"From {file}:\n\n{text.Trim()}";
            }
        }

        return null;
    }

    private static async Task<string?> ShowAsync(GitCli git, string workspace, string spec, CancellationToken cancellationToken)
    {
        try
        {
            var type = (await git.RunAsync(workspace, ["cat-file", "-t", spec], cancellationToken: cancellationToken)).Trim();
            return type == "blob" ? await git.RunAsync(workspace, ["cat-file", "blob", spec], cancellationToken: cancellationToken) : null;
        }
        catch (SquadException)
        {
            return null; // no such file on the base branch
        }
    }
}
