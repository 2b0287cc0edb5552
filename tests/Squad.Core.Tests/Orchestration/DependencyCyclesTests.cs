using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Core.Tests.Orchestration;

public sealed class DependencyCyclesTests
{
    private static Issue Issue(string identifier, params string[] blockedBy)
        => new() { Identifier = identifier, Title = identifier, BlockedBy = blockedBy };

    [Fact]
    public void Find_CycleOfTwo_ReturnsBoth()
    {
        var cycles = DependencyCycles.Find([Issue("A-1", "A-2"), Issue("A-2", "A-1"), Issue("A-3")]);

        Assert.Equal(["A-1", "A-2"], cycles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Find_SelfCycle_ReturnsTheIssue()
    {
        var cycles = DependencyCycles.Find([Issue("A-1", "A-1"), Issue("A-2", "A-1")]);

        Assert.Equal(["A-1"], cycles);
    }

    [Fact]
    public void Find_ChainWithoutCycle_ReturnsNothing()
    {
        var cycles = DependencyCycles.Find([Issue("A-1", "A-2"), Issue("A-2", "A-3"), Issue("A-3")]);

        Assert.Empty(cycles);
    }

    [Fact]
    public void Find_CycleOfThreeWithTailBlockedByIt_ReturnsOnlyTheCycle()
    {
        var cycles = DependencyCycles.Find(
            [Issue("A-1", "A-2"), Issue("A-2", "A-3"), Issue("A-3", "A-1"), Issue("A-4", "A-1"), Issue("A-5", "A-4")]);

        Assert.Equal(["A-1", "A-2", "A-3"], cycles.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Find_DiamondWithoutCycle_ReturnsNothing()
    {
        var cycles = DependencyCycles.Find([Issue("A-1", "A-2", "A-3"), Issue("A-2", "A-4"), Issue("A-3", "A-4"), Issue("A-4")]);

        Assert.Empty(cycles);
    }

    [Fact]
    public void Find_BlockerOutsideTheMilestone_IsIgnored()
    {
        var cycles = DependencyCycles.Find([Issue("A-1", "OTHER-9"), Issue("A-2", "A-1")]);

        Assert.Empty(cycles);
    }
}
