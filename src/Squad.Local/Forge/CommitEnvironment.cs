using System.Globalization;
using Squad.Core.Domain;
using Squad.Core.Git;

namespace Squad.Local.Forge;

/// <summary>The git environment for a commit the forge itself makes: who, and when by the injected clock (so tests fix the sha).</summary>
internal static class CommitEnvironment
{
    public static Dictionary<string, string> For(Identity identity, DateTimeOffset when)
    {
        var date = string.Create(CultureInfo.InvariantCulture, $"@{when.ToUnixTimeSeconds()} +0000");
        return new Dictionary<string, string>(GitCli.AuthorEnvironment(identity))
        {
            ["GIT_AUTHOR_DATE"] = date,
            ["GIT_COMMITTER_DATE"] = date,
        };
    }
}
