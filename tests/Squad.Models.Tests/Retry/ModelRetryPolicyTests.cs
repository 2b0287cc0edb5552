using Squad.Core.Models;

namespace Squad.Models.Tests.Retry;

public sealed class ModelRetryPolicyTests
{
    [Fact]
    public void BackoffFor_NoJitter_DoublesFromOneSecond()
    {
        var waits = Enumerable.Range(1, 4).Select(retry => ModelRetryPolicy.Default.BackoffFor(retry, 0));

        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)], waits);
    }

    [Fact]
    public void BackoffFor_HalfJitter_TakesATenthOff()
        => Assert.Equal(TimeSpan.FromSeconds(3.6), ModelRetryPolicy.Default.BackoffFor(3, 0.5));

    [Fact]
    public void BackoffFor_LargestJitter_StaysAboveFourFifths()
    {
        var wait = ModelRetryPolicy.Default.BackoffFor(1, 0.999999);

        Assert.InRange(wait, TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(0.81));
    }

    [Fact]
    public void BackoffFor_ManyRetries_IsCappedAtSixtySeconds()
        => Assert.Equal(TimeSpan.FromSeconds(60), ModelRetryPolicy.Default.BackoffFor(12, 0));

    [Fact]
    public void Default_AllowsFiveAttempts()
        => Assert.Equal(5, ModelRetryPolicy.Default.MaxAttempts);

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, -0.1)]
    [InlineData(1, 1.0)]
    public void BackoffFor_OutOfRange_Throws(int retry, double sample)
        => Assert.Throws<ArgumentOutOfRangeException>(() => ModelRetryPolicy.Default.BackoffFor(retry, sample));
}
