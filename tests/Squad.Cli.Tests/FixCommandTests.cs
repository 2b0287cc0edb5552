using Squad.Testing;

namespace Squad.Cli.Tests;

/// <summary><c>squad fix</c>: the triggered bug fix from the command line, and what it refuses.</summary>
public sealed class FixCommandTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "squad-fix-cli-" + Guid.NewGuid().ToString("N")[..12]);

    public FixCommandTests() => TestDirectories.Copy(Path.Combine(AppContext.BaseDirectory, "samples", "checkout"), root);

    private string Bugs => Path.Combine(root, "bugs");

    private string DataDirectory => Path.Combine(root, "data");

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Fix_StubARunRefused_IsDiagnosedFixedAndMergedOnceTriggered()
    {
        var run = await CliResult.RunAsync("run", Bugs, "--model", "scripted", "--data-dir", DataDirectory, "--json");
        Assert.Equal(1, run.ExitCode);
        Assert.Equal("refused", run.Squad("CHK-41").GetProperty("outcome").GetString());
        Assert.Contains("`squad fix CHK-41`", run.Squad("CHK-41").GetProperty("reason").GetString(), StringComparison.Ordinal);

        var fix = await CliResult.RunAsync("fix", Path.Combine(Bugs, "CHK-41.md"), "--model", "scripted", "--data-dir", DataDirectory, "--json");

        Assert.True(fix.ExitCode == 0, fix.Error);
        var squad = fix.Squad("CHK-41");
        Assert.Equal("merged", squad.GetProperty("outcome").GetString());
        var commits = squad.GetProperty("pullRequest").GetProperty("commits").EnumerateArray().Select(c => c.GetProperty("author").GetString()).ToList();
        Assert.Equal(["Squad QA", "Squad Developer"], commits);
        var bare = Path.Combine(DataDirectory, "forge", "repos", "checkout.git");
        var cart = await new Core.Git.GitCli().RunAsync(bare, ["show", "main:src/Checkout/Cart.cs"]);
        Assert.Contains("_items.RemoveAll(i => i.Sku == sku);", cart, StringComparison.Ordinal);
        Assert.Contains("Removing_a_SKU_that_is_not_in_the_cart_leaves_the_cart_unchanged",
            await new Core.Git.GitCli().RunAsync(bare, ["show", "main:tests/Checkout.Tests/CartRemoveTests.cs"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fix_IdentifierNotInTheIssuesFolder_ExitsWithOneLineNamingTheIssues()
    {
        var result = await CliResult.RunAsync("fix", "CHK-99", "--issues", Bugs, "--model", "scripted", "--data-dir", DataDirectory);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: issue CHK-99 is not in", line, StringComparison.Ordinal);
        Assert.Contains("CHK-41", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the checkout crashes")]
    [InlineData("missing/CHK-41.md")]
    public async Task Fix_TextThatNamesNoIssue_ExitsWithOneLineSayingHowToNameIt(string issue)
    {
        var result = await CliResult.RunAsync("fix", issue, "--data-dir", DataDirectory);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: cannot fix '{issue}'", line, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(DataDirectory, "worktrees")) && Directory.EnumerateFileSystemEntries(Path.Combine(DataDirectory, "worktrees")).Any());
    }

    [Fact]
    public async Task Fix_LinearUrlOfAProject_IsRefusedAsNotAnIssue()
    {
        var result = await CliResult.RunAsync("fix", "https://linear.app/acme/project/checkout-0123456789ab", "--data-dir", DataDirectory);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not an issue's", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
