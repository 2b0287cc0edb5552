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

    /// <summary>The first of <see cref="Files"/> the revision holds as a non-empty file, read with the others in one process.</summary>
    private static async Task<string?> ReadFilesAsync(GitCli git, string workspace, string revision, CancellationToken cancellationToken)
    {
        IReadOnlyList<GitObject?> found;
        try
        {
            found = await git.ReadObjectsAsync(workspace, [.. Files.Select(file => $"{revision}:{file}")], cancellationToken);
        }
        catch (SquadException)
        {
            return null; // the base could not be read: no instructions from files
        }

        for (var i = 0; i < Files.Length; i++)
        {
            if (found[i] is { Type: "blob" } blob && blob.Text is { Length: > 0 } text)
            {
                return $"From {Files[i]}:\n\n{text.Trim()}";
            }
        }

        return null;
    }
}
