using Squad.Core.Orchestration.Queue;

namespace Squad.Core.Tests.Orchestration;

/// <summary>A test ahead stands after a landing only when that landing was exactly the predicted first step.</summary>
public sealed class AheadPredictionTests
{
    private static readonly AheadPrediction Prediction = new("main0", ["h1", "h2", "h3"], ["t1", "t2", "t3"]);

    [Fact]
    public void After_FirstLandedOnThePredictedMainWithThePredictedTree_TheRestStandsOnTheNewMain()
    {
        var rest = Prediction.After(new MergeQueue.Landing("m1", "h1", "main0", "t1"), ["h2", "h3"]);

        Assert.NotNull(rest);
        Assert.Equal("m1", rest.Main);
        Assert.Equal(["h2", "h3"], rest.Heads);
        Assert.Equal(["t2", "t3"], rest.Trees);
        Assert.NotNull(rest.After(new MergeQueue.Landing("m2", "h2", "m1", "t2"), ["h3"]));
    }

    private static readonly (MergeQueue.Landing? Landed, string[] Heads)[] Broken =
    [
        (null, ["h2", "h3"]),
        (new("m1", "h1", "main0", null), ["h2", "h3"]),
        (new("m1", "h1", "main0", "other"), ["h2", "h3"]),
        (new("m1", "h1", "moved", "t1"), ["h2", "h3"]),
        (new("m1", "h2", "main0", "t1"), ["h2", "h3"]),
        (new("m1", "h1", "main0", "t1"), ["h3", "h2"]),
        (new("m1", "h1", "main0", "t1"), ["h2", "h3", "h4"]),
        (new("m1", "h1", "main0", "t1"), ["h3"]),
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    public void After_AnythingElseLandedOrTheQueueChanged_IsMadeAgain(int example)
        => Assert.Null(Prediction.After(Broken[example].Landed, Broken[example].Heads));

    [Fact]
    public void After_TheFirstAheadConflictedAndWasLeftOut_IsMadeAgain()
        => Assert.Null(new AheadPrediction("main0", ["h1", "h2"], [null, "t2"]).After(new MergeQueue.Landing("m1", "h1", "main0", "t2"), ["h2"]));
}
