using Squad.Core.Git;

namespace Squad.Core.Tests;

public sealed class MaintenanceTurnsTests
{
    [Theory]
    [InlineData(1, "MMMMMMM")]
    [InlineData(3, "M..M..M")]
    [InlineData(64, "M......")]
    public void Next_TheFirstAndEveryNthAfter(int every, string expected)
    {
        var turns = new MaintenanceTurns(every);

        var taken = string.Concat(Enumerable.Range(0, expected.Length).Select(_ => turns.Next() ? "M" : "."));

        Assert.Equal(expected, taken);
    }

    [Fact]
    public void Next_ConcurrentCallers_OneTurnInEveryEvery()
    {
        var turns = new MaintenanceTurns(64);

        var maintained = 0;
        Parallel.For(0, 64 * 50, _ =>
        {
            if (turns.Next())
            {
                Interlocked.Increment(ref maintained);
            }
        });

        Assert.Equal(50, maintained);
    }

    [Fact]
    public void New_EveryBelowOne_IsRefused()
        => Assert.Throws<ArgumentOutOfRangeException>(() => new MaintenanceTurns(0));
}
