using Squad.Core.Orchestration;

namespace Squad.Core.Tests.Orchestration;

public sealed class CloneFetchesTests
{
    [Fact]
    public void Maintains_FirstFetchAndEverySixtyFourthAfter_OthersSkipGitsAutomaticMaintenance()
    {
        var fetches = new CloneFetches();

        var maintained = Enumerable.Range(1, 200).Where(_ => fetches.Maintains()).ToList();

        Assert.Equal([1, 65, 129, 193], maintained);
    }
}
