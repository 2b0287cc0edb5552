namespace Squad.Core.Git;

/// <summary>
/// Keeps the local config of a repository Squad owns (its clones, the local forge's repositories) to keys that run no
/// code. Command-line hardening switches hooks and fsmonitor off, but filters, merge and diff drivers, includes and URL
/// rewrites have names of the config's choosing: anything not on the allow-list is removed before Squad's git uses it.
/// </summary>
public static class GitConfigScrubber
{
    private static readonly string[] AllowedPrefixes =
    [
        "core.repositoryformatversion", "core.filemode", "core.bare", "core.logallrefupdates", "core.ignorecase",
        "core.precomposeunicode", "core.symlinks", "remote.origin.url", "remote.origin.fetch", "extensions.", "gc.",
        "fetch.", "index.", "pack.", "receive.denycurrentbranch", "receive.autogc", "uploadpack.allowreachablesha1inwant",
        "uploadpack.allowanysha1inwant", "uploadpack.allowtipsha1inwant", "init.defaultbranch", "user.",
    ];

    /// <summary>Removes every key that is not on the allow-list; returns the keys removed.</summary>
    public static async Task<IReadOnlyList<string>> ScrubAsync(GitCli git, string gitDirectory, CancellationToken cancellationToken = default)
    {
        var listing = await git.TryRunAsync(gitDirectory, ["config", "--local", "--null", "--name-only", "--list"], cancellationToken: cancellationToken);
        if (!listing.Succeeded)
        {
            return [];
        }

        var removed = new List<string>();
        foreach (var key in listing.StandardOutput.Split('\0', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal))
        {
            var lower = key.ToLowerInvariant();
            if (AllowedPrefixes.Any(prefix => lower.StartsWith(prefix, StringComparison.Ordinal)))
            {
                continue;
            }

            await git.TryRunAsync(gitDirectory, ["config", "--local", "--unset-all", key], cancellationToken: cancellationToken);
            removed.Add(key);
        }

        return removed;
    }
}
