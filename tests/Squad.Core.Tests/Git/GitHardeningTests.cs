using Squad.Core.Git;
using Squad.Core.Tests.Orchestration;

namespace Squad.Core.Tests;

/// <summary>Config planted in a repository Squad's git works in runs nothing: hooks, fsmonitor, filters.</summary>
public sealed class GitHardeningTests
{
    private readonly GitCli git = new();

    [Fact]
    public async Task PlantedHooksAndFsmonitor_NeverRun()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var marker = Path.Combine(origin.Root, "ran");
        var hooks = Path.Combine(origin.Root, "hooks");
        Directory.CreateDirectory(hooks);
        foreach (var hook in new[] { "pre-commit", "post-commit", "post-checkout", "reference-transaction", "pre-push" })
        {
            var file = Path.Combine(hooks, hook);
            await File.WriteAllTextAsync(file, $"#!/bin/sh\necho {hook} >> '{marker}'\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        await origin.GitAsync("config", "core.hooksPath", hooks);
        await origin.GitAsync("config", "core.fsmonitor", $"echo fsmonitor >> '{marker}'; false");
        await File.WriteAllTextAsync(Path.Combine(origin.Path, "a.txt"), "b\n");

        await git.RunAsync(origin.Path, ["status", "--short"]);
        await git.RunAsync(origin.Path, ["commit", "-q", "-am", "change"]);
        await git.RunAsync(origin.Path, ["checkout", "-q", "-b", "other"]);

        Assert.False(File.Exists(marker), File.Exists(marker) ? File.ReadAllText(marker) : "");
    }

    /// <summary>
    /// A commit starts no automatic maintenance (<c>git maintenance run --auto</c>, a process after every commit), as git's
    /// own trace shows; a maintained fetch's setting turns it on again.
    /// </summary>
    [Fact]
    public async Task Commits_RunNoAutomaticMaintenance_AMaintainedFetchMay()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var trace = Path.Combine(origin.Root, "trace.txt");
        await File.WriteAllTextAsync(Path.Combine(origin.Path, "a.txt"), "changed\n");

        await git.RunAsync(origin.Path, ["commit", "-q", "-am", "change"], extraEnvironment: new Dictionary<string, string> { ["GIT_TRACE2"] = trace });

        var traced = await File.ReadAllTextAsync(trace);
        Assert.Contains("commit -q -am change", traced, StringComparison.Ordinal);
        Assert.DoesNotContain("maintenance run", traced, StringComparison.Ordinal);
        Assert.Equal("true\n", await git.RunAsync(origin.Path, [.. GitCli.MaintainedFetch, "config", "--get", "maintenance.auto"]));
    }

    [Fact]
    public async Task ScrubAsync_RemovesFiltersIncludesAndRewrites_KeepsTheRemote()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        await origin.GitAsync("remote", "add", "origin", "/somewhere");
        await origin.GitAsync("config", "filter.evil.clean", "touch /tmp/evil");
        await origin.GitAsync("config", "include.path", "/tmp/other-config");
        await origin.GitAsync("config", "url./tmp/elsewhere.insteadOf", "/somewhere");
        await origin.GitAsync("config", "core.sshCommand", "touch /tmp/evil");

        var removed = await GitConfigScrubber.ScrubAsync(git, origin.Path);

        Assert.Equivalent(new[] { "filter.evil.clean", "include.path", "url./tmp/elsewhere.insteadof", "core.sshcommand" }, removed.Select(k => k.ToLowerInvariant()).ToArray());
        var left = await origin.GitAsync("config", "--local", "--list");
        Assert.Contains("remote.origin.url=/somewhere", left, StringComparison.Ordinal);
        Assert.DoesNotContain("evil", left, StringComparison.Ordinal);
    }
}
