using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Squad.Core.Git;
using Squad.Core.Orchestration;
using Squad.Core.Tests.Tools;

namespace Squad.Core.Tests.Orchestration;

/// <summary>
/// Spent copies turned into the next copy (<see cref="TreeStamps"/>, <see cref="CopyWriter"/>): whatever a hostile command
/// did in the spent copy, the new copy holds exactly the new head's files, and only those.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class SpareCopyTests
{
    private readonly GitCli git = new();

    [LinuxFact]
    public async Task CreateCopyAsync_FromACopyAHostileCommandTamperedWith_HoldsExactlyTheNewHead_AndReusedWhatWasUntouched()
    {
        var (origin, workspaces, spent, untouchedInode, second) = await TamperedSpareAsync();
        using var disposeOrigin = origin;

        Assert.False(Directory.Exists(spent));
        Assert.Single(Spares(spent));

        var copy = await workspaces.CreateCopyAsync(origin.Info, second, second, "X-2-gate");

        Assert.Equal(await ExpectedAsync(origin.Path, second), Listing(copy.Path));
        Assert.Equal(untouchedInode, Inode(Path.Combine(copy.Path, "src", "untouched.cs")));
        Assert.Empty(Spares(copy.Path));
        await workspaces.RemoveAsync(copy);
        workspaces.DropSpares();
        Assert.Empty(Spares(copy.Path));
    }

    /// <summary>
    /// A copy of a head on another base with no set-up (the merge queue's test of a merge result, a commit's checks) turns
    /// the spent copy straight into the head: exactly the head's files, the untouched ones kept, and stamps that turn it
    /// again into the next copy exactly.
    /// </summary>
    [LinuxFact]
    public async Task CreateCopyAsync_OfAHeadOnAnotherBase_TurnsTheTamperedSpareStraightIntoTheHead_WithStampsTheNextCopyTrusts()
    {
        var (origin, workspaces, _, untouchedInode, second) = await TamperedSpareAsync();
        using var disposeOrigin = origin;
        var first = (await git.RunAsync(origin.Path, ["rev-parse", second + "~1"])).Trim();

        var copy = await workspaces.CreateCopyAsync(origin.Info, first, second, "X-2-gate");

        Assert.Equal(await ExpectedAsync(origin.Path, second), Listing(copy.Path));
        Assert.Equal(untouchedInode, Inode(Path.Combine(copy.Path, "src", "untouched.cs")));
        Assert.Equal(second, copy.Stamps!.Revision);
        await TamperAsync(copy.Path, Path.Combine(origin.Root, "outside-2"));
        await workspaces.RemoveAsync(copy);

        var next = await workspaces.CreateCopyAsync(origin.Info, second, first, "X-3-gate");
        Assert.Equal(await ExpectedAsync(origin.Path, first), Listing(next.Path));
        Assert.Equal(untouchedInode, Inode(Path.Combine(next.Path, "src", "untouched.cs")));
        await workspaces.RemoveAsync(next);
        workspaces.DropSpares();
    }

    [LinuxFact]
    public async Task CreateAsync_FromATamperedSpentCopy_IsAWorkTreeGitSeesCleanAtTheBase_ThatCommitsWhatChanges()
    {
        var (origin, workspaces, _, untouchedInode, second) = await TamperedSpareAsync();
        using var disposeOrigin = origin;

        var tree = await workspaces.CreateAsync(origin.Info, "squad/x-2", "X-2");

        Assert.Empty(Spares(tree.Path));
        Assert.Equal(untouchedInode, Inode(Path.Combine(tree.Path, "src", "untouched.cs")));
        Assert.Equal(await ExpectedAsync(origin.Path, second), Listing(tree.Path).Where(line => !line.StartsWith(".git ", StringComparison.Ordinal)).ToList());
        Assert.Equal("", await git.RunAsync(tree.Path, ["status", "--porcelain", "--untracked-files=all"]));
        Assert.Equal("", await git.RunAsync(tree.Path, ["diff", "--stat", "HEAD"]));

        await File.WriteAllTextAsync(Path.Combine(tree.Path, "src", "untouched.cs"), "changed\n");
        await git.RunAsync(tree.Path, ["add", "-A"]);
        await git.RunAsync(tree.Path, ["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "change"]);
        Assert.Equal("src/untouched.cs", (await git.RunAsync(tree.Path, ["diff", "--name-only", "HEAD~1", "HEAD"])).Trim());
        await workspaces.RemoveAsync(tree);
        workspaces.DropSpares();
    }

    [LinuxFact]
    public async Task CreateAsync_AfterAKillWhileASpareWasBecomingTheWorkTree_ClearsTheHalfAndMakesTheTree()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n", ["b.txt"] = "b\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        var killed = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var first = await killed.CreateAsync(origin.Info, "squad/x-1", "X-1");
        var clone = first.ClonePath;

        // What a kill between moving git's file into the turned copy and renaming it into place leaves: the registered
        // work tree's folder empty, the half-made tree beside it holding git's file and a planted file.
        var path = first.Path;
        var filling = path + ".filling";
        Directory.CreateDirectory(filling);
        File.Move(Path.Combine(path, ".git"), Path.Combine(filling, ".git"));
        await File.WriteAllTextAsync(Path.Combine(filling, "a.txt"), "planted\n");
        foreach (var entry in Directory.EnumerateFileSystemEntries(path))
        {
            File.Delete(entry);
        }

        var next = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var again = await next.CreateAsync(origin.Info, "squad/x-1", "X-1");

        Assert.False(Path.Exists(filling));
        Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(again.Path, "a.txt")));
        Assert.Equal("", await git.RunAsync(again.Path, ["status", "--porcelain", "--untracked-files=all"]));
        Assert.Equal(main, await git.RevParseAsync(again.Path, "HEAD"));
        var registered = (await git.RunAsync(clone, ["worktree", "list", "--porcelain"])).Split('\n').Count(line => line.StartsWith("worktree ", StringComparison.Ordinal));
        Assert.Equal(2, registered);
        await next.RemoveAsync(again);
        next.DropSpares();
    }

    [LinuxFact]
    public async Task CreateCopyAsync_SetUpRewritesATrackedFileInPlace_SameSizeAndTime_TheCopyStillHoldsTheHeads()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["lock.json"] = "pinned\n", ["other.txt"] = "other\n" });
        var head = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees);

        var copy = await workspaces.CreateCopyAsync(origin.Info, head, head, "copy", async path =>
        {
            var file = Path.Combine(path, "lock.json");
            var written = File.GetLastWriteTimeUtc(file);
            await using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write))
            {
                await stream.WriteAsync("PINNED\n"u8.ToArray());
            }

            File.SetLastWriteTimeUtc(file, written);
        });

        Assert.Equal("pinned\n", await File.ReadAllTextAsync(Path.Combine(copy.Path, "lock.json")));
        await workspaces.RemoveAsync(copy);
    }

    [LinuxFact]
    public async Task Spares_AreKeptOnlyWhenAsked_AtMostFourAFolder_AndDroppedAtTheEnd()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var head = await git.RevParseAsync(origin.Path, "HEAD");
        var plain = new WorkspaceManager(git, origin.Clones, origin.Worktrees);
        var once = await plain.CreateCopyAsync(origin.Info, head, head, "once");
        await plain.RemoveAsync(once);
        Assert.Empty(Spares(once.Path));

        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var copies = new List<Workspace>();
        for (var i = 0; i < workspaces.SparesPerFolder + 1; i++)
        {
            copies.Add(await workspaces.CreateCopyAsync(origin.Info, head, head, $"copy-{i}"));
        }

        foreach (var copy in copies)
        {
            await workspaces.RemoveAsync(copy);
        }

        Assert.Equal(workspaces.SparesPerFolder, Spares(once.Path).Count);
        Assert.All(copies, copy => Assert.False(Directory.Exists(copy.Path)));
        workspaces.DropSpares();
        Assert.Empty(Spares(once.Path));
    }

    [LinuxFact]
    public async Task CreateCopyAsync_NoSpareLeft_CopiesTheTemplate_ThatHoldsTheBaseAndIsGoneAtTheEnd()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n", ["src/b.txt"] = "b\n", ["src/c.txt"] = "c\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        await origin.GitAsync("checkout", "-q", "-b", "feature");
        var head = await origin.CommitAsync(new Dictionary<string, string?> { ["src/b.txt"] = "B\n", ["src/c.txt"] = null, ["new.txt"] = "new\n" }, "feature");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };

        // Two copies at once: no spare exists; both are copies of the one template, turned into their heads.
        var first = await workspaces.CreateCopyAsync(origin.Info, main, head, "X-1-commit");
        var second = await workspaces.CreateCopyAsync(origin.Info, main, main, "X-2-commit");
        var tree = await workspaces.CreateAsync(origin.Info, "squad/x-3", "X-3");

        var template = Assert.Single(Templates(first.Path));
        Assert.Equal(await ExpectedAsync(origin.Path, main), Listing(template));
        Assert.Equal(await ExpectedAsync(origin.Path, head), Listing(first.Path));
        Assert.Equal(await ExpectedAsync(origin.Path, main), Listing(second.Path));
        Assert.Equal(await ExpectedAsync(origin.Path, main), Listing(tree.Path).Where(line => !line.StartsWith(".git ", StringComparison.Ordinal)).ToList());
        Assert.Equal("", await git.RunAsync(tree.Path, ["status", "--porcelain", "--untracked-files=all"]));

        // What runs in a copy never reaches the template: the copy's files are its own.
        await File.WriteAllTextAsync(Path.Combine(second.Path, "a.txt"), "tampered\n");
        Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(template, "a.txt")));
        foreach (var done in new[] { first, second, tree })
        {
            await workspaces.RemoveAsync(done);
        }

        workspaces.DropSpares();
        Assert.Empty(Templates(first.Path));
        Assert.Empty(Spares(first.Path));
    }

    /// <summary>
    /// A squad's work tree from a copy of the template just made: when the base is still the commit the template was made
    /// of, the copy is its files as they are (nothing compared or rewritten); when the base moved since, the copy is turned
    /// into the new base. Either way git sees the tree clean at the base, and what the squad writes stays its own.
    /// </summary>
    [LinuxFact]
    public async Task CreateAsync_FromAFreshTemplateCopy_HoldsTheBase_AndOnceTheBaseMovedTheNewBase()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n", ["src/b.txt"] = "b\n" });
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };

        var first = await workspaces.CreateAsync(origin.Info, "squad/x-1", "X-1");
        var template = Assert.Single(Templates(first.Path));
        Assert.Equal(1, workspaces.FreshCopiesTaken);
        Assert.Equal(await ExpectedAsync(origin.Path, "HEAD"), WithoutGit(Listing(first.Path)));
        Assert.Equal("", await git.RunAsync(first.Path, ["status", "--porcelain", "--untracked-files=all"]));
        await File.WriteAllTextAsync(Path.Combine(first.Path, "a.txt"), "mine\n");
        Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(template, "a.txt")));

        // The base moves after the template was made: the next tree, a copy of that template, is the new base all the same.
        var moved = await origin.CommitAsync(new Dictionary<string, string?> { ["a.txt"] = "A\n", ["src/b.txt"] = null }, "main moves");
        var second = await workspaces.CreateAsync(origin.Info, "squad/x-2", "X-2");

        Assert.Equal(template, Assert.Single(Templates(second.Path)));
        Assert.Equal(1, workspaces.FreshCopiesTaken);
        Assert.Equal(await ExpectedAsync(origin.Path, moved), WithoutGit(Listing(second.Path)));
        Assert.Equal("", await git.RunAsync(second.Path, ["status", "--porcelain", "--untracked-files=all"]));
        Assert.Equal(moved, await git.RevParseAsync(second.Path, "HEAD"));
        await workspaces.RemoveAsync(first);
        await workspaces.RemoveAsync(second);
        workspaces.DropSpares();
    }

    private static List<string> WithoutGit(List<string> listing) => [.. listing.Where(line => !line.StartsWith(".git ", StringComparison.Ordinal))];

    [LinuxFact]
    public async Task CreateCopyAsync_FromATemplateSomethingChanged_RewritesWhatDiffersFromItsRecord_AndDeletesWhatItNeverHeld()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "alpha\n", ["src/b.txt"] = "beta\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var first = await workspaces.CreateCopyAsync(origin.Info, main, main, "X-1-commit");
        var template = Assert.Single(Templates(first.Path));

        // Only a process outside any sandbox could reach the template; Squad does not trust it either: a same-size rewrite
        // (its modification time moves) and a planted file.
        await Task.Delay(20);
        await File.WriteAllTextAsync(Path.Combine(template, "a.txt"), "ALPHA\n");
        await File.WriteAllTextAsync(Path.Combine(template, "src", "planted.cs"), "evil\n");
        var next = await workspaces.CreateCopyAsync(origin.Info, main, main, "X-2-commit");

        Assert.Equal(await ExpectedAsync(origin.Path, main), Listing(next.Path));
        await workspaces.RemoveAsync(first);
        await workspaces.RemoveAsync(next);
        workspaces.DropSpares();
    }

    [LinuxFact]
    public async Task SparesMadeAhead_WhileTheSquadWaits_BecomeItsLaterCopies_ThatHoldExactlyTheirHeads()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n", ["src/b.txt"] = "b\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        await origin.GitAsync("checkout", "-q", "-b", "feature");
        var head = await origin.CommitAsync(new Dictionary<string, string?> { ["src/b.txt"] = "B\n", ["new.txt"] = "new\n" }, "feature");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var tree = await workspaces.CreateAsync(origin.Info, "squad/x-1", "X-1");

        workspaces.MakeSparesAhead(tree.ClonePath, tree.Path, 2);
        await workspaces.SparesMadeAhead;

        var made = Spares(tree.Path);
        Assert.Equal(2, made.Count);
        Assert.All(made, spare => Assert.Equal(Listing(Assert.Single(Templates(tree.Path))), Listing(spare)));
        var commit = await workspaces.CreateCopyAsync(origin.Info, main, head, "X-1-commit");
        var review = await workspaces.CreateCopyAsync(origin.Info, head, head, "X-1-review");
        Assert.Empty(Spares(tree.Path));
        Assert.All(made, spare => Assert.False(Directory.Exists(spare)));
        Assert.Equal(await ExpectedAsync(origin.Path, head), Listing(commit.Path));
        Assert.Equal(await ExpectedAsync(origin.Path, head), Listing(review.Path));
        foreach (var done in new[] { commit, review, tree })
        {
            await workspaces.RemoveAsync(done);
        }

        workspaces.DropSpares();
        Assert.Empty(Spares(tree.Path));
        Assert.Empty(Templates(tree.Path));
    }

    [LinuxFact]
    public async Task SpareMadeAhead_ThatSomethingChangedBeforeUse_StillGivesACopyHoldingExactlyItsHead()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "alpha\n", ["src/b.txt"] = "beta\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var tree = await workspaces.CreateAsync(origin.Info, "squad/x-1", "X-1");
        workspaces.MakeSparesAhead(tree.ClonePath, tree.Path, 1);
        await workspaces.SparesMadeAhead;
        var spare = Assert.Single(Spares(tree.Path));

        // Same-size rewrite (its time moves), a planted file, a deleted one: the copy turned from it is still exact.
        await Task.Delay(20);
        await File.WriteAllTextAsync(Path.Combine(spare, "a.txt"), "ALPHA\n");
        await File.WriteAllTextAsync(Path.Combine(spare, "src", "planted.cs"), "evil\n");
        File.Delete(Path.Combine(spare, "src", "b.txt"));
        var copy = await workspaces.CreateCopyAsync(origin.Info, main, main, "X-1-commit");

        Assert.False(Directory.Exists(spare));
        Assert.Equal(await ExpectedAsync(origin.Path, main), Listing(copy.Path));
        await workspaces.RemoveAsync(copy);
        await workspaces.RemoveAsync(tree);
        workspaces.DropSpares();
    }

    [LinuxFact]
    public async Task SparesMadeAhead_NeverMoreThanTheFolderKeeps_AndOnesFinishingAfterTheRunDroppedItsSparesAreDeleted()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var main = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true, SparesPerFolder = 3 };
        var tree = await workspaces.CreateAsync(origin.Info, "squad/x-1", "X-1");

        workspaces.MakeSparesAhead(tree.ClonePath, tree.Path, 5);
        await workspaces.SparesMadeAhead;
        Assert.Equal(3, Spares(tree.Path).Count);

        // The run ends while more are being made: what they make afterwards is deleted, not kept for a run that is over.
        var copies = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => workspaces.CreateCopyAsync(origin.Info, main, main, $"X-1-c{i}")));
        workspaces.MakeSparesAhead(tree.ClonePath, tree.Path, 2);
        workspaces.DropSpares();
        await workspaces.SparesMadeAhead;
        Assert.Empty(Spares(tree.Path));
        foreach (var done in copies.Append(tree))
        {
            await workspaces.RemoveAsync(done);
        }
    }

    [LinuxFact]
    public async Task TemplateLeftByAKilledRun_TheNextRunsSweepClearsIt_AndMakesItsOwn()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var head = await git.RevParseAsync(origin.Path, "HEAD");
        var killed = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var copy = await killed.CreateCopyAsync(origin.Info, head, head, "X-1-gate");
        var left = Assert.Single(Templates(copy.Path));
        await File.WriteAllTextAsync(Path.Combine(left, "a.txt"), "planted\n");

        // The process is gone (its templates lived in it alone); the next one's first sweep deletes what it left.
        var next = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        await next.RemoveLeftoversAsync();
        Assert.False(Directory.Exists(left));
        var again = await next.CreateCopyAsync(origin.Info, head, head, "X-1-gate");
        Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(again.Path, "a.txt")));
        Assert.NotEqual(left, Assert.Single(Templates(again.Path)));
        await next.RemoveAsync(again);
        next.DropSpares();
    }

    [LinuxFact]
    public async Task SpareLeftByAKilledRun_TheNextRunsSweepClearsIt_AndNeverReusesIt()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var head = await git.RevParseAsync(origin.Path, "HEAD");
        var killed = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var copy = await killed.CreateCopyAsync(origin.Info, head, head, "X-1-gate");
        await File.WriteAllTextAsync(Path.Combine(copy.Path, "a.txt"), "b\n");
        await killed.RemoveAsync(copy);
        Assert.Single(Spares(copy.Path));

        // The process is gone: a new one knows nothing of the spare, its first sweep deletes it.
        var next = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        await next.RemoveLeftoversAsync();
        Assert.Empty(Spares(copy.Path));

        var again = await next.CreateCopyAsync(origin.Info, head, head, "X-1-gate");
        Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(again.Path, "a.txt")));
        await next.RemoveAsync(again);
        next.DropSpares();
    }

    [LinuxFact]
    public async Task RunsEnd_RenamesItsSparesAndTemplateAsideAtOnce_AndDeletesThemAfter_NothingHandedOutSince()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n", ["src/b.txt"] = "b\n" });
        var head = await git.RevParseAsync(origin.Path, "HEAD");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var copy = await workspaces.CreateCopyAsync(origin.Info, head, head, "X-1-gate");
        await workspaces.RemoveAsync(copy);
        var spare = Assert.Single(Spares(copy.Path));
        var template = Assert.Single(Templates(copy.Path));

        await workspaces.DropSparesAsync();

        Assert.False(Directory.Exists(spare));
        Assert.False(Directory.Exists(template));
        await TreeDeletions.WaitAsync();
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(copy.Path)!));

        // The manager hands out no spare of before: the next copy is made anew.
        var next = await workspaces.CreateCopyAsync(origin.Info, head, head, "X-2-gate");
        Assert.Equal("a\n", await File.ReadAllTextAsync(Path.Combine(next.Path, "a.txt")));
        await workspaces.RemoveAsync(next);
        await workspaces.DropSparesAsync();
        await TreeDeletions.WaitAsync();
    }

    [LinuxFact]
    public async Task SpareACommandFilledWithLinksOut_IsDeletedAfterTheRun_WhatTheLinksNameStays()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var head = await git.RevParseAsync(origin.Path, "HEAD");
        var outside = Path.Combine(origin.Root, "outside");
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "keep.txt"), "keep\n");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var copy = await workspaces.CreateCopyAsync(origin.Info, head, head, "X-1-gate");

        // What a hostile command could leave in its copy: links to a folder and to a file outside it.
        Directory.CreateSymbolicLink(Path.Combine(copy.Path, "out"), outside);
        File.CreateSymbolicLink(Path.Combine(copy.Path, "keep-link"), Path.Combine(outside, "keep.txt"));
        await workspaces.RemoveAsync(copy);

        await workspaces.DropSparesAsync();
        await TreeDeletions.WaitAsync();

        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.GetDirectoryName(copy.Path)!));
        Assert.Equal("keep\n", await File.ReadAllTextAsync(Path.Combine(outside, "keep.txt")));
    }

    [LinuxFact]
    public async Task TreeBeingDeletedWhenTheProcessWasKilled_TheNextRunsSweepDeletesIt()
    {
        using var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?> { ["a.txt"] = "a\n" });
        var head = await git.RevParseAsync(origin.Path, "HEAD");
        var killed = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var copy = await killed.CreateCopyAsync(origin.Info, head, head, "X-1-gate");
        await killed.RemoveAsync(copy);

        // As a kill -9 between the rename aside and rm's end leaves it: renamed, half deleted.
        var aside = Path.Combine(Path.GetDirectoryName(copy.Path)!, TreeDeletions.Prefix + "0123456789abcdef");
        Directory.Move(Assert.Single(Spares(copy.Path)), aside);
        File.Delete(Path.Combine(aside, "a.txt"));

        var next = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        await next.RemoveLeftoversAsync();

        Assert.False(Directory.Exists(aside));
        killed.DropSpares();
    }

    /// <summary>
    /// A repository of two commits (the second changes, adds and removes a file), a copy of the first spent by a hostile
    /// command (<see cref="TamperAsync"/>) and kept as a spare; returns where the copy was, the inode of a file it left
    /// untouched, and the second commit.
    /// </summary>
    private async Task<(OriginRepository Origin, WorkspaceManager Workspaces, string Spent, ulong UntouchedInode, string Second)> TamperedSpareAsync()
    {
        var origin = await OriginRepository.CreateAsync(new Dictionary<string, string?>
        {
            ["src/a.cs"] = "alpha\n",
            ["src/b.cs"] = "bravo\n",
            ["src/c.cs"] = "charlie\n",
            ["src/untouched.cs"] = "untouched\n",
            ["docs/d.md"] = "delta\n",
            ["keep.txt"] = "keep\n",
            ["run.sh"] = "echo run\n",
            ["gone.txt"] = "gone\n",
        });
        File.CreateSymbolicLink(Path.Combine(origin.Path, "link"), "src/a.cs");
        File.SetUnixFileMode(Path.Combine(origin.Path, "run.sh"), (UnixFileMode)0b111_101_101);
        await origin.GitAsync("add", "-A");
        await origin.GitAsync("commit", "-q", "-m", "link and script");
        var first = await git.RevParseAsync(origin.Path, "HEAD");
        var second = await origin.CommitAsync(new Dictionary<string, string?> { ["src/b.cs"] = "bravo two\n", ["src/e.cs"] = "echo\n", ["gone.txt"] = null }, "second");
        var workspaces = new WorkspaceManager(git, origin.Clones, origin.Worktrees) { KeepsSpareCopies = true };
        var spent = await workspaces.CreateCopyAsync(origin.Info, first, first, "X-1-gate");
        var untouchedInode = Inode(Path.Combine(spent.Path, "src", "untouched.cs"));
        await TamperAsync(spent.Path, Path.Combine(origin.Root, "outside"));
        await workspaces.RemoveAsync(spent);
        return (origin, workspaces, spent.Path, untouchedInode, second);
    }

    /// <summary>What a hostile command might leave in a copy, each aimed at surviving into the next one.</summary>
    private static async Task TamperAsync(string copy, string outside)
    {
        // Rewritten in place with the same size and the old modification time.
        var a = Path.Combine(copy, "src", "a.cs");
        var written = File.GetLastWriteTimeUtc(a);
        await using (var stream = new FileStream(a, FileMode.Open, FileAccess.Write))
        {
            await stream.WriteAsync("ALPHA\n"u8.ToArray());
        }

        File.SetLastWriteTimeUtc(a, written);

        // Made executable; a script made plain.
        File.SetUnixFileMode(Path.Combine(copy, "src", "c.cs"), File.GetUnixFileMode(Path.Combine(copy, "src", "c.cs")) | UnixFileMode.UserExecute);
        File.SetUnixFileMode(Path.Combine(copy, "run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite);

        // A second name for a tracked file, to change it through later.
        Run("ln", Path.Combine(copy, "src", "b.cs"), Path.Combine(copy, "b-link"));

        // A folder moved aside and a link in its place: its files still look untouched through the link.
        Directory.Move(Path.Combine(copy, "docs"), Path.Combine(copy, "docs-moved"));
        File.CreateSymbolicLink(Path.Combine(copy, "docs"), Path.Combine(copy, "docs-moved"));

        // A tracked file replaced by a folder; the tracked link pointed elsewhere.
        File.Delete(Path.Combine(copy, "keep.txt"));
        Directory.CreateDirectory(Path.Combine(copy, "keep.txt", "inner"));
        File.Delete(Path.Combine(copy, "link"));
        Directory.CreateDirectory(outside);
        await File.WriteAllTextAsync(Path.Combine(outside, "secret"), "outside\n");
        File.CreateSymbolicLink(Path.Combine(copy, "link"), Path.Combine(outside, "secret"));

        // Outputs, a pipe, a folder closed to its owner, a deleted tracked file.
        Directory.CreateDirectory(Path.Combine(copy, "obj"));
        await File.WriteAllTextAsync(Path.Combine(copy, "obj", "out.dll"), "build\n");
        await File.WriteAllTextAsync(Path.Combine(copy, "src", "extra.cs"), "planted\n");
        Run("mkfifo", Path.Combine(copy, "pipe"));
        Directory.CreateDirectory(Path.Combine(copy, "locked"));
        await File.WriteAllTextAsync(Path.Combine(copy, "locked", "x"), "x\n");
        File.SetUnixFileMode(Path.Combine(copy, "locked"), UnixFileMode.None);
        File.Delete(Path.Combine(copy, "gone.txt"));
    }

    /// <summary>Every entry of the tree, without following links: "path mode blob" for files and links, "path/" for folders.</summary>
    private static List<string> Listing(string root)
    {
        var lines = new List<string>();
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var folder))
        {
            foreach (var entry in Directory.EnumerateFileSystemEntries(folder))
            {
                var relative = Path.GetRelativePath(root, entry);
                var info = new FileInfo(entry);
                if (info.LinkTarget is { } target)
                {
                    lines.Add($"{relative} 120000 {Blob(Encoding.UTF8.GetBytes(target))}");
                }
                else if (Directory.Exists(entry))
                {
                    pending.Push(entry);
                }
                else
                {
                    var executable = (File.GetUnixFileMode(entry) & UnixFileMode.UserExecute) != 0;
                    lines.Add($"{relative} {(executable ? "100755" : "100644")} {Blob(File.ReadAllBytes(entry))}");
                }
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private async Task<List<string>> ExpectedAsync(string repository, string revision)
    {
        var tree = await git.RunAsync(repository, ["ls-tree", "-r", "-z", revision]);
        var lines = tree.Split('\0', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var (meta, path) = (line[..line.IndexOf('\t', StringComparison.Ordinal)], line[(line.IndexOf('\t', StringComparison.Ordinal) + 1)..]);
            var fields = meta.Split(' ');
            return $"{path} {fields[0]} {fields[2]}";
        }).ToList();
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    /// <summary>The blob id git gives <paramref name="content"/> (git names objects by SHA-1).</summary>
#pragma warning disable CA5350
    private static string Blob(byte[] content)
        => Convert.ToHexStringLower(SHA1.HashData([.. Encoding.ASCII.GetBytes($"blob {content.Length}\0"), .. content]));
#pragma warning restore CA5350

    private static ulong Inode(string path)
    {
        var output = Run("stat", "-c", "%i", path);
        return ulong.Parse(output.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static List<string> Spares(string besides)
        => [.. Directory.EnumerateDirectories(Path.GetDirectoryName(besides)!, WorkspaceManager.SparePrefix + "*")];

    private static List<string> Templates(string besides)
        => [.. Directory.EnumerateDirectories(Path.GetDirectoryName(besides)!, WorkspaceManager.TemplatePrefix + "*")];

    private static string Run(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
