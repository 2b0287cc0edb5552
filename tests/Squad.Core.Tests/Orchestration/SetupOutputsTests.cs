using Squad.Core.Configuration;
using Squad.Core.Git;
using Squad.Core.Orchestration;
using Squad.Core.Security;
using Squad.Core.Tests.Tools;
using Squad.Core.Tools;
using Squad.Testing;

namespace Squad.Core.Tests.Orchestration;

/// <summary>
/// A set-up's outputs kept for the run (<see cref="SetupOutputs"/>): a second tree on the same base under the same rules
/// gets a copy of them, with its own path where they name the tree's path, and nothing done in one tree reaches another.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SetupOutputsTests
{
    private const string Rules = "setup restore=restore.sh";

    private readonly GitCli git = new();

    /// <summary>Writes what a restore writes: a text file naming the tree's path, an executable, links, a nested folder.</summary>
    private static async Task RestoreAsync(string path)
    {
        Directory.CreateDirectory(Path.Combine(path, "obj", "deep"));
        await File.WriteAllTextAsync(Path.Combine(path, "obj", "assets.json"), $"{{\"projectPath\": \"{path}/app.csproj\", \"root\": \"{path}\"}}\n");
        await File.WriteAllTextAsync(Path.Combine(path, "obj", "deep", "tool"), "#!/bin/sh\necho tool\n");
        File.SetUnixFileMode(Path.Combine(path, "obj", "deep", "tool"), (UnixFileMode)0b111_101_101);
        await File.WriteAllBytesAsync(Path.Combine(path, "obj", "cache.bin"), [0, 1, 2, 0xFF]);
        File.CreateSymbolicLink(Path.Combine(path, "obj", "relative"), "assets.json");
        File.CreateSymbolicLink(Path.Combine(path, "obj", "absolute"), Path.Combine(path, "obj", "assets.json"));
    }

    [LinuxFact]
    public async Task CreateCopyAsync_SameBaseAndRules_TheSecondCopyGetsTheOutputsWithItsOwnPath_WithoutRunningTheSetUpAgain()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["app.csproj"] = "<Project />\n", ["a.txt"] = "base\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        await origin.GitAsync("checkout", "-q", "-b", "feature");
        var head = await origin.CommitAsync(new Dictionary<string, string?> { ["a.txt"] = "head\n", ["obj2.txt"] = "new\n" }, "feature");
        var workspaces = Keeping(origin);
        var runs = 0;
        var notes = 0;
        var setUp = new CopySetUp(async path => { Interlocked.Increment(ref runs); await RestoreAsync(path); }, Rules, () => { Interlocked.Increment(ref notes); return Task.CompletedTask; });

        var first = await workspaces.CreateCopyAsync(origin.Info, main, main, "X-1-gate", setUp);
        var second = await workspaces.CreateCopyAsync(origin.Info, "refs/remotes/origin/main", head, "X-2-review", setUp);

        Assert.Equal((1, 1), (runs, notes));
        Assert.Equal((1, 1), (workspaces.SetupOutputs.Ran, workspaces.SetupOutputs.Reused));
        Assert.Equal($"{{\"projectPath\": \"{second.Path}/app.csproj\", \"root\": \"{second.Path}\"}}\n", await File.ReadAllTextAsync(Path.Combine(second.Path, "obj", "assets.json")));
        Assert.Equal("head\n", await File.ReadAllTextAsync(Path.Combine(second.Path, "a.txt")));
        Assert.Equal("new\n", await File.ReadAllTextAsync(Path.Combine(second.Path, "obj2.txt")));
        Assert.Equal((UnixFileMode)0b111_101_101, File.GetUnixFileMode(Path.Combine(second.Path, "obj", "deep", "tool")));
        Assert.Equal([0, 1, 2, 0xFF], await File.ReadAllBytesAsync(Path.Combine(second.Path, "obj", "cache.bin")));
        Assert.Equal("assets.json", new FileInfo(Path.Combine(second.Path, "obj", "relative")).LinkTarget);
        Assert.Equal(Path.Combine(second.Path, "obj", "assets.json"), new FileInfo(Path.Combine(second.Path, "obj", "absolute")).LinkTarget);

        // Exactly what a set-up run in that copy would have left: the same listing as a copy made by one.
        var plain = new WorkspaceManager(git, origin.Clones, Path.Combine(origin.Root, "plain"));
        var ran = await plain.CreateCopyAsync(origin.Info, main, head, "X-2-review", new CopySetUp(RestoreAsync, Rules));
        Assert.Equal(Listing(ran.Path, ran.Path), Listing(second.Path, second.Path));
        await workspaces.RemoveAsync(first);
        await workspaces.RemoveAsync(second);
        await plain.RemoveAsync(ran);
    }

    [LinuxFact]
    public async Task CreateAsync_AWorkTreeAndACopyOnTheSameBase_ShareOneSetUp_EitherWay()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["app.csproj"] = "<Project />\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = Keeping(origin);
        var runs = 0;
        var setUp = new CopySetUp(async path => { Interlocked.Increment(ref runs); await RestoreAsync(path); }, Rules);

        var tree = await workspaces.CreateAsync(origin.Info, "squad/x-1", "X-1", setUp);
        var copy = await workspaces.CreateCopyAsync(origin.Info, main, main, "X-1-gate", setUp);

        Assert.Equal(1, runs);
        Assert.Contains(copy.Path + "/app.csproj", await File.ReadAllTextAsync(Path.Combine(copy.Path, "obj", "assets.json")), StringComparison.Ordinal);
        Assert.Contains(tree.Path + "/app.csproj", await File.ReadAllTextAsync(Path.Combine(tree.Path, "obj", "assets.json")), StringComparison.Ordinal);
        await workspaces.RemoveAsync(copy);
        await workspaces.RemoveAsync(tree);
    }

    [LinuxFact]
    public async Task CreateCopyAsync_AnotherBaseOtherRulesNoRulesOrNoRunThatKeepsSpares_RunsTheSetUpItself()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["app.csproj"] = "<Project />\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        var next = await origin.CommitAsync(new Dictionary<string, string?> { ["b.txt"] = "b\n" }, "main");
        var workspaces = Keeping(origin);
        var runs = 0;
        Task Run(string path)
        {
            Interlocked.Increment(ref runs);
            return RestoreAsync(path);
        }

        await workspaces.CreateCopyAsync(origin.Info, main, main, "X-1", new CopySetUp(Run, Rules));
        await workspaces.CreateCopyAsync(origin.Info, next, next, "X-2", new CopySetUp(Run, Rules));
        await workspaces.CreateCopyAsync(origin.Info, main, main, "X-3", new CopySetUp(Run, Rules + "\ntimeout 1"));
        await workspaces.CreateCopyAsync(origin.Info, main, main, "X-4", new CopySetUp(Run));
        var notKeeping = new WorkspaceManager(git, origin.Clones, Path.Combine(origin.Root, "other"));
        await notKeeping.CreateCopyAsync(origin.Info, main, main, "X-5", new CopySetUp(Run, Rules));
        await notKeeping.CreateCopyAsync(origin.Info, main, main, "X-6", new CopySetUp(Run, Rules));

        Assert.Equal(6, runs);
        Assert.Equal(0, workspaces.SetupOutputs.Reused);
        Assert.False(Directory.Exists(Path.Combine(origin.Root, "other", "origin")) && Directory.EnumerateDirectories(Path.Combine(origin.Root, "other", "origin"), SetupOutputs.Prefix + "*").Any());
    }

    [LinuxFact]
    public async Task CreateCopyAsync_SetUpThatChangesATrackedFileOrWritesBinaryNamingItsPath_IsRunAgainInEachTree()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["lock.json"] = "pinned\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = Keeping(origin);
        var (floats, binary) = (0, 0);

        for (var i = 0; i < 2; i++)
        {
            await workspaces.CreateCopyAsync(origin.Info, main, main, $"F-{i}", new CopySetUp(async path =>
            {
                floats++;
                await File.WriteAllTextAsync(Path.Combine(path, "lock.json"), "floated\n");
            }, Rules + "\nfloat"));
            await workspaces.CreateCopyAsync(origin.Info, main, main, $"B-{i}", new CopySetUp(async path =>
            {
                binary++;
                await File.WriteAllBytesAsync(Path.Combine(path, "module.pyc"), [0, .. System.Text.Encoding.UTF8.GetBytes(path), 0]);
            }, Rules + "\nbinary"));
        }

        // The first tree's set-up ran where kept ones are made, could not be kept, and ran again in the tree; the second ran its own.
        Assert.Equal((3, 3), (floats, binary));
        Assert.Equal(0, workspaces.SetupOutputs.Reused);
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(origin.Worktrees, "origin"), SetupOutputs.Prefix + "*"));
    }

    [LinuxFact]
    public async Task CreateCopyAsync_EightTreesAtOnceOnOneBase_RunTheSetUpOnce_AndEachGetsItsOwnCopy()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["app.csproj"] = "<Project />\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = Keeping(origin);
        var runs = 0;
        var setUp = new CopySetUp(async path =>
        {
            Interlocked.Increment(ref runs);
            await Task.Delay(300);
            await RestoreAsync(path);
        }, Rules);

        var copies = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => workspaces.CreateCopyAsync(origin.Info, main, main, $"X-{i}", setUp)));

        Assert.Equal(1, runs);
        Assert.Equal(7, workspaces.SetupOutputs.Reused);
        Assert.Equal(8, copies.Select(copy => Inode(Path.Combine(copy.Path, "obj", "deep", "tool"))).Distinct().Count());
    }

    [LinuxFact]
    public async Task CreateCopyAsync_ASetUpThatFails_KeepsNothing_AndTheNextTreeRunsItsOwn()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["app.csproj"] = "<Project />\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = Keeping(origin);
        var runs = 0;
        var setUp = new CopySetUp(async path =>
        {
            await RestoreAsync(path);
            if (Interlocked.Increment(ref runs) == 1)
            {
                throw new SquadException(SquadErrorCode.InvalidInput, "the repository's setup command 'restore' failed");
            }
        }, Rules);

        await Assert.ThrowsAsync<SquadException>(() => workspaces.CreateCopyAsync(origin.Info, main, main, "X-1", setUp));
        var copy = await workspaces.CreateCopyAsync(origin.Info, main, main, "X-2", setUp);

        Assert.Equal(2, runs);
        Assert.True(File.Exists(Path.Combine(copy.Path, "obj", "assets.json")));
        Assert.Single(Directory.EnumerateDirectories(Path.Combine(origin.Worktrees, "origin"), SetupOutputs.Prefix + "*"));
    }

    /// <summary>
    /// The attack: a command in a tree that got copied outputs rewrites them, plants a link in their place and reaches for
    /// the kept folder beside it, in the real sandbox; the next tree still gets what the set-up wrote, and the kept files
    /// are no file of any tree (copied, never linked).
    /// </summary>
    [BubblewrapFact]
    public async Task CreateCopyAsync_ACommandInACopyTampersWithItsOutputsAndReachesForTheKeptOnes_TheNextCopyGetsTheSetUpsOwn()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["app.csproj"] = "<Project />\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = Keeping(origin);
        var config = new RepositoryConfig
        {
            Setup = ["restore"],
            Commands = new Dictionary<string, string>
            {
                ["restore"] = "mkdir -p obj && printf '%s' \"$PWD\" > obj/assets.json && echo pinned > obj/packages.txt",
                ["attack"] = "echo evil >> obj/packages.txt; echo evil > obj/assets.json; for kept in ../" + SetupOutputs.Prefix + "*; do echo evil > \"$kept/obj/assets.json\"; done; "
                    + "echo \"siblings:$(ls -A .. | wc -l)\"; rm obj/assets.json; ln -s /etc/passwd obj/assets.json",
            },
        };
        var commands = new CommandRunner(config, new SecretRedactor([]), TestSandbox.Bubblewrap());
        var setUp = new CopySetUp(async path => Assert.Null(await commands.RunSetupAsync(path)), Rules);

        var first = await workspaces.CreateCopyAsync(origin.Info, main, main, "X-1", setUp);
        var second = await workspaces.CreateCopyAsync(origin.Info, main, main, "X-2", setUp);
        var kept = Assert.Single(Directory.EnumerateDirectories(Path.Combine(origin.Worktrees, "origin"), SetupOutputs.Prefix + "*"));
        var attack = await commands.RunAsync("attack", second.Path);
        // The tampered copy is kept as a spare and turned into the next one.
        await workspaces.RemoveAsync(second);
        var third = await workspaces.CreateCopyAsync(origin.Info, main, main, "X-3", setUp);

        // The sandbox shows the copy's folder with the copy alone in it: no kept folder to write to.
        Assert.Contains("siblings:1", attack.Output, StringComparison.Ordinal);
        Assert.Equal(first.Path, await File.ReadAllTextAsync(Path.Combine(first.Path, "obj", "assets.json")));
        // Kept as the set-up wrote it where kept outputs are made.
        Assert.Equal(Path.Combine(origin.Worktrees, "origin", SetupOutputs.Prefix + "tree"), await File.ReadAllTextAsync(Path.Combine(kept, "obj", "assets.json")));
        Assert.Equal(third.Path, await File.ReadAllTextAsync(Path.Combine(third.Path, "obj", "assets.json")));
        Assert.Null(new FileInfo(Path.Combine(third.Path, "obj", "assets.json")).LinkTarget);
        Assert.Equal(["pinned\n", "pinned\n", "pinned\n"], await Task.WhenAll(new[] { first.Path, kept, third.Path }.Select(root => File.ReadAllTextAsync(Path.Combine(root, "obj", "packages.txt")))));
        Assert.Equal(3, new[] { first, third }.Select(copy => Inode(Path.Combine(copy.Path, "obj", "assets.json"))).Append(Inode(Path.Combine(kept, "obj", "assets.json"))).Distinct().Count());
        Assert.Equal(1, workspaces.SetupOutputs.Ran);
    }

    /// <summary>
    /// The crash point: a run killed with outputs kept (or half kept) leaves a folder beside the trees; the next run's first
    /// sweep deletes it and nothing of it is copied, and a run's end drops its own.
    /// </summary>
    [LinuxFact]
    public async Task KeptOutputs_ARunKilledWithThem_TheNextRunSweepsThemAndRunsItsOwnSetUp_AndARunsEndDropsThem()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["app.csproj"] = "<Project />\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        var killed = Keeping(origin);
        await killed.CreateCopyAsync(origin.Info, main, main, "X-1", new CopySetUp(RestoreAsync, Rules));
        var folder = Path.Combine(origin.Worktrees, "origin");
        var left = Assert.Single(Directory.EnumerateDirectories(folder, SetupOutputs.Prefix + "*"));
        // Half kept: a folder the killed process was still writing.
        Directory.CreateDirectory(Path.Combine(folder, SetupOutputs.Prefix + "0123456789abcdef", "obj"));

        var next = Keeping(origin);
        await next.RemoveLeftoversAsync();
        Assert.Empty(Directory.EnumerateDirectories(folder, SetupOutputs.Prefix + "*"));
        var runs = 0;
        var copy = await next.CreateCopyAsync(origin.Info, main, main, "X-1", new CopySetUp(path => { runs++; return RestoreAsync(path); }, Rules));
        Assert.Equal(1, runs);
        Assert.Contains(copy.Path, await File.ReadAllTextAsync(Path.Combine(copy.Path, "obj", "assets.json")), StringComparison.Ordinal);
        Assert.False(Directory.Exists(left));

        await next.DropSparesAsync();
        await TreeDeletions.WaitAsync();
        Assert.Empty(Directory.EnumerateDirectories(folder, SetupOutputs.Prefix + "*"));
        Assert.Empty(next.SetupOutputs.TakeAll());
    }

    /// <summary>
    /// Results are keyed by the set-up's outputs, not its base (<see cref="PristineGuardrails"/>): two bases whose set-ups
    /// write the same outputs have one identity, and a copy of one head is the same on either, even where one base held
    /// files the head removed (no folder of theirs is left); a base whose set-up writes other outputs has another.
    /// </summary>
    [LinuxFact]
    public async Task SetupIdentityAsync_BasesWhoseSetUpsWriteTheSame_ShareIt_AndACopyOfAHeadIsTheSameOnEither()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["app.csproj"] = "<Project />\n", ["docs/old.md"] = "old\n", ["deps"] = "one\n" });
        var first = await git.RevParseAsync(origin.Path, "HEAD");
        var moved = await origin.CommitAsync(new Dictionary<string, string?> { ["docs/old.md"] = null, ["other.txt"] = "unrelated\n" }, "main");
        var bumped = await origin.CommitAsync(new Dictionary<string, string?> { ["deps"] = "two\n" }, "main");
        await origin.GitAsync("checkout", "-q", "-b", "feature", first);
        var head = await origin.CommitAsync(new Dictionary<string, string?> { ["docs/old.md"] = null, ["src.cs"] = "class A {}\n" }, "feature");
        var workspaces = Keeping(origin);
        var runs = 0;
        var setUp = new CopySetUp(async path =>
        {
            Interlocked.Increment(ref runs);
            Directory.CreateDirectory(Path.Combine(path, "obj"));
            await File.WriteAllTextAsync(Path.Combine(path, "obj", "assets.json"), $"{path}: {await File.ReadAllTextAsync(Path.Combine(path, "deps"))}");
            // What a restore's no-op check writes: a hash of its own project paths, which no rewriting can move.
            await File.WriteAllTextAsync(Path.Combine(path, "obj", "project.cache"), Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(path))));
        }, Rules);

        var onFirst = await workspaces.SetupIdentityAsync(origin.Info, await TreeAsync(origin, first), setUp, CancellationToken.None);
        var onMoved = await workspaces.SetupIdentityAsync(origin.Info, await TreeAsync(origin, moved), setUp, CancellationToken.None);
        var onBumped = await workspaces.SetupIdentityAsync(origin.Info, await TreeAsync(origin, bumped), setUp, CancellationToken.None);
        var again = await workspaces.SetupIdentityAsync(origin.Info, await TreeAsync(origin, moved), setUp, CancellationToken.None);

        Assert.NotNull(onFirst);
        Assert.Equal(onFirst, onMoved);
        Assert.NotEqual(onFirst, onBumped);
        Assert.Equal(onMoved, again);
        Assert.Equal(3, runs);
        var fromFirst = await workspaces.CreateCopyAsync(origin.Info, first, head, "X-1-commit", setUp);
        var fromMoved = await workspaces.CreateCopyAsync(origin.Info, moved, head, "X-1-review", setUp);
        Assert.Equal(3, runs);
        Assert.False(Directory.Exists(Path.Combine(fromFirst.Path, "docs")));
        Assert.Equal(Listing(fromFirst.Path, fromFirst.Path), Listing(fromMoved.Path, fromMoved.Path));
        Assert.Null(await new WorkspaceManager(git, origin.Clones, Path.Combine(origin.Root, "other")).SetupIdentityAsync(origin.Info, await TreeAsync(origin, first), setUp, CancellationToken.None));
    }

    private static async Task<string> TreeAsync(OriginRepository origin, string commit) => (await origin.GitAsync("rev-parse", commit + "^{tree}")).Trim();

    private WorkspaceManager Keeping(OriginRepository origin) => new(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };

    private static string Inode(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%i", path]) { RedirectStandardOutput = true })!;
        var inode = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return inode;
    }

    /// <summary>Every entry under <paramref name="root"/> with its kind, mode and content (a file) or target (a link), the tree's own path written as ROOT.</summary>
    private static List<string> Listing(string root, string path)
        => [.. Directory.EnumerateFileSystemEntries(root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Order(StringComparer.Ordinal)
            .Select(entry => new FileInfo(entry) switch
            {
                { LinkTarget: { } target } => $"{entry[(root.Length + 1)..]} -> {target.Replace(path, "ROOT", StringComparison.Ordinal)}",
                _ when Directory.Exists(entry) => $"{entry[(root.Length + 1)..]}/",
                _ => $"{entry[(root.Length + 1)..]} {File.GetUnixFileMode(entry)} {File.ReadAllText(entry).Replace(path, "ROOT", StringComparison.Ordinal)}",
            })];
}
