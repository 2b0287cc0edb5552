using System.Text.RegularExpressions;
using Squad.Core;
using Squad.Core.Forge;
using Squad.Core.Git;

namespace Squad.Local.Forge;

/// <summary>Where the bare repositories live, which names are allowed, and what git says about them.</summary>
internal sealed partial class ForgeRepositories(string forgeDirectory, GitCli git)
{
    public string ForgeDirectory { get; } = forgeDirectory;

    public string Root { get; } = Path.Combine(forgeDirectory, "repos");

    public string PathOf(string name) => Path.Combine(Root, name + ".git");

    public bool Exists(string name)
        => IsValidName(name) && File.Exists(Path.Combine(PathOf(name), "HEAD"));

    /// <summary>The bare repository's path, or the error that tells the user what to do.</summary>
    public string Require(string name)
    {
        if (!Exists(name))
        {
            throw new SquadException(SquadErrorCode.InvalidInput,
                $"repository '{name}' is not in the local forge at {ForgeDirectory}; import it first (the demo imports its sample repository on its first run) or check the repository name in the configuration");
        }

        return PathOf(name);
    }

    /// <summary>Refuses names that could leave the repos folder or confuse git: the name becomes a path.</summary>
    public static void ValidateName(string name)
    {
        if (!IsValidName(name))
        {
            throw new SquadException(SquadErrorCode.InvalidInput,
                $"'{name}' is not a valid local forge repository name; use letters, digits, '.', '_' and '-', starting with a letter or digit");
        }
    }

    public async Task ValidateBranchAsync(string branch, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(branch) || branch.StartsWith('-') || !await git.IsValidRefNameAsync("refs/heads/" + branch, cancellationToken))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"'{branch}' is not a valid branch name");
        }
    }

    public async Task<RepositoryInfo> DescribeAsync(string name, CancellationToken cancellationToken)
    {
        var path = Require(name);
        // The forge's repositories are Squad's: whatever config was planted in one runs nothing on the next push or merge.
        await GitConfigScrubber.ScrubAsync(git, path, cancellationToken);
        var head = await git.RunAsync(path, ["symbolic-ref", "--short", "HEAD"], cancellationToken: cancellationToken);
        return new RepositoryInfo { Name = name, FetchUrl = path, DefaultBranch = head.Trim() };
    }

    public static string PullRef(int number) => $"refs/pull/{number}/head";

    public static string BranchRef(string branch) => "refs/heads/" + branch;

    private static bool IsValidName(string name)
        => name.Length <= 100 && NamePattern().IsMatch(name) && !name.EndsWith(".git", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex NamePattern();
}
