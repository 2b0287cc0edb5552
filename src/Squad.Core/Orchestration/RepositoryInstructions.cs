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

    public static async Task<string?> ReadAsync(GitCli git, string workspace, string baseRef, RepositoryConfig config, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        foreach (var file in Files)
        {
            if (await ShowAsync(git, workspace, $"{baseRef}:{file}", cancellationToken) is { Length: > 0 } text)
            {
                parts.Add($"From {file}:\n\n{text.Trim()}");
                break;
            }
        }

        if (config.Instructions is { Length: > 0 } configured)
        {
            parts.Add($"From .squad.yml:\n\n{configured.Trim()}");
        }

        return parts.Count == 0 ? null : Tools.CommandRunner.Truncate(string.Join("\n\n", parts), MaxCharacters).TrimEnd();
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
