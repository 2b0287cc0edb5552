using Squad.Local.Forge;

namespace Squad.Local.Tests.Forge;

/// <summary>
/// A push to the forge starts no <c>git gc --auto</c> of its own (git's receive-pack did, one process a push): the forge
/// runs it on a repository's first push and every <see cref="LocalForge.MaintainEveryPushes"/>th after. Seen by the
/// forge's packs: each push is kept as a pack (receive.unpackLimit 1) and any <c>gc --auto</c> merges more than one.
/// </summary>
public sealed class LocalForgeMaintenanceTests : IDisposable
{
    private readonly ForgeTestContext context = new();

    public void Dispose() => context.Dispose();

    [Fact]
    public async Task Pushes_StartNoGcOfTheirOwn_TheForgeRunsItOnTheFirstAndEveryNth()
    {
        await context.ImportSampleAsync();
        Assert.Equal("false", (await context.Git.RunAsync(context.BarePath, ["config", "--get", "receive.autogc"])).Trim());
        await context.Git.RunAsync(context.BarePath, ["config", "receive.unpackLimit", "1"]);
        await context.Git.RunAsync(context.BarePath, ["config", "gc.autoPackLimit", "1"]);
        // Any gc in the foreground, so that one started by a push would have finished before the push returns.
        await context.Git.RunAsync(context.BarePath, ["config", "gc.autoDetach", "false"]);
        using var forge = new LocalForge(context.ForgeDirectory, context.Git, context.Clock) { MaintainEveryPushes = 3 };
        var worktree = await context.CloneAsync();
        await context.Git.RunAsync(worktree, ["checkout", "--quiet", "-b", "feature"]);

        var packs = new List<int>();
        for (var push = 1; push <= 4; push++)
        {
            await context.CommitAsync(worktree, $"file-{push}.txt", $"{push}\n", $"Push {push}");
            await forge.PushAsync(ForgeTestContext.Repository, worktree, "feature");
            packs.Add(Packs());
        }

        // The first push's gc finds one pack (nothing to do); the second and third add one each, merged by nobody; the
        // fourth (the first after three) is followed by the forge's gc, which merges them.
        Assert.Equal([1, 2, 3, 1], packs);
        Assert.Equal(await context.Git.RunAsync(worktree, ["rev-parse", "HEAD"]), await context.Git.RunAsync(context.BarePath, ["rev-parse", "refs/heads/feature"]));
    }

    private int Packs() => Directory.GetFiles(Path.Combine(context.BarePath, "objects", "pack"), "*.pack").Length;
}
