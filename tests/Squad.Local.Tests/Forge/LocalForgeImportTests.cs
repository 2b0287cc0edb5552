using Squad.Core;

namespace Squad.Local.Tests.Forge;

public sealed class LocalForgeImportTests : IDisposable
{
    private readonly ForgeTestContext _context = new();

    [Fact]
    public async Task ImportRepositoryAsync_PlainFolderTwice_SecondImportMakesNoCommit()
    {
        var first = await _context.ImportSampleAsync();
        var tipAfterFirst = await _context.BranchTipAsync("main");

        var second = await _context.ImportSampleAsync();

        Assert.Equal(tipAfterFirst, await _context.BranchTipAsync("main"));
        Assert.Equal(1, await _context.CommitCountAsync("main"));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task ImportRepositoryAsync_PlainFolder_CommitsFilesAsImporterWithoutBuildOutput()
    {
        var source = _context.CreateFolder(("app.txt", "hello\n"), ("bin/app.dll", "x"), ("obj/cache", "x"), ("lib/obj/nested", "x"), (".git/config", "x"));

        var info = await _context.Forge.ImportRepositoryAsync(ForgeTestContext.Repository, source);

        var files = await _context.Git.RunAsync(_context.BarePath, ["ls-tree", "-r", "--name-only", "main"]);
        var author = await _context.Git.RunAsync(_context.BarePath, ["log", "-1", "--format=%an <%ae>|%s", "main"]);
        Assert.Equal(["app.txt"], files.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("Squad Import <import@squad.local>|Import sample", author.Trim());
        Assert.Equal("main", info.DefaultBranch);
        Assert.Equal(_context.BarePath, info.FetchUrl);
        Assert.True(Path.IsPathFullyQualified(info.FetchUrl));
    }

    [Fact]
    public async Task ImportRepositoryAsync_GitWorkTree_PushesHeadAsDefaultBranch()
    {
        var source = _context.CreateFolder(("app.txt", "hello\n"));
        await _context.Git.RunAsync(source, ["init", "--quiet", "--initial-branch=develop"]);
        var head = await _context.CommitAsync(source, "more.txt", "more\n", "Own history");

        var info = await _context.Forge.ImportRepositoryAsync(ForgeTestContext.Repository, source, "trunk");

        Assert.Equal("trunk", info.DefaultBranch);
        Assert.Equal(head, await _context.BranchTipAsync("trunk"));
    }

    [Fact]
    public async Task ImportRepositoryAsync_PlainFolderInsideAnotherRepository_ImportsOnlyTheFolder()
    {
        var outer = _context.CreateFolder(("outer.txt", "outer\n"), ("inner/inner.txt", "inner\n"));
        await _context.Git.RunAsync(outer, ["init", "--quiet"]);
        await _context.CommitAsync(outer, "outer2.txt", "x\n", "Outer commit");

        await _context.Forge.ImportRepositoryAsync(ForgeTestContext.Repository, Path.Combine(outer, "inner"));

        var files = await _context.Git.RunAsync(_context.BarePath, ["ls-tree", "-r", "--name-only", "main"]);
        Assert.Equal(["inner.txt"], files.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task ImportRepositoryAsync_FixedClock_ProducesSameShaInAnotherForge()
    {
        await _context.ImportSampleAsync();
        using var other = new ForgeTestContext();

        await other.ImportSampleAsync();

        Assert.Equal(await _context.BranchTipAsync("main"), await other.BranchTipAsync("main"));
    }

    [Fact]
    public async Task ImportRepositoryAsync_NameWithPathSeparator_ThrowsInvalidInput()
    {
        var source = _context.CreateFolder(("app.txt", "hello\n"));

        var error = await Assert.ThrowsAsync<SquadException>(() => _context.Forge.ImportRepositoryAsync("../escape", source));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.False(Directory.Exists(Path.Combine(_context.ForgeDirectory, "escape.git")));
    }

    [Fact]
    public async Task GetRepositoryAsync_UnknownRepository_ThrowsInvalidInputNamingTheForge()
    {
        var error = await Assert.ThrowsAsync<SquadException>(() => _context.Forge.GetRepositoryAsync("missing"));

        Assert.Equal(SquadErrorCode.InvalidInput, error.Code);
        Assert.Contains("repository 'missing' is not in the local forge at " + _context.ForgeDirectory, error.Message, StringComparison.Ordinal);
        Assert.Contains("import it", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepositoryExists_BeforeAndAfterImport_ReportsTruthfully()
    {
        var before = _context.Forge.RepositoryExists(ForgeTestContext.Repository);

        await _context.ImportSampleAsync();

        Assert.False(before);
        Assert.True(_context.Forge.RepositoryExists(ForgeTestContext.Repository));
        Assert.Empty(Directory.GetDirectories(Path.Combine(_context.ForgeDirectory, "repos"), ".*"));
    }

    public void Dispose() => _context.Dispose();
}
