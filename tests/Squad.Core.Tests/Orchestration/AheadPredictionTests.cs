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

    [Fact]
    public void Through_SeveralLandedAsPredictedWhileTheCandidateWasBusy_StandsOnTheLastOne()
    {
        MergeQueue.Landing[] landings = [new("m0", "h0", "before", "t0"), new("m1", "h1", "main0", "t1"), new("m2", "h2", "m1", "t2")];

        var rest = Prediction.Through(landings, ["h3"]);

        Assert.NotNull(rest);
        Assert.Equal("m2", rest.Main);
        Assert.Equal(["h3"], rest.Heads);
        Assert.Equal(["t3"], rest.Trees);
    }

    [Fact]
    public void Through_EveryOneAheadLanded_StandsWithNothingAheadOnTheLastLanding()
    {
        MergeQueue.Landing[] landings = [new("m1", "h1", "main0", "t1"), new("m2", "h2", "m1", "t2"), new("m3", "h3", "m2", "t3")];

        var all = Prediction.Through(landings, []);

        Assert.NotNull(all);
        Assert.Equal("m3", all.Main);
        Assert.Empty(all.Heads);
        Assert.Same(all, all.Through(landings, []));
    }

    [Fact]
    public void Through_NothingLandedSince_StandsOnlyWhileTheHeadsAheadAreItsOwn()
    {
        MergeQueue.Landing[] earlier = [new("main0", "h0", "before", "t0")];

        Assert.Same(Prediction, Prediction.Through(earlier, ["h1", "h2", "h3"]));
        Assert.Same(Prediction, Prediction.Through([], ["h1", "h2", "h3"]));
        Assert.Null(Prediction.Through(earlier, ["h1", "h3"]));
        Assert.Null(Prediction.Through([new("elsewhere", "h0", "before", "t0")], ["h1", "h2", "h3"]));
    }

    private static readonly MergeQueue.Landing[][] BrokenChains =
    [
        [new("m1", "h1", "main0", "t1"), new("m2", "h2", "m1", "other")],
        [new("m1", "h1", "main0", "t1"), new("m2", "h3", "m1", "t2")],
        [new("m1", "h1", "main0", "t1"), new("m2", "h2", "moved", "t2")],
        [new("m1", "h1", "main0", "t1"), new("m2", "h2", "m1", null)],
        [new("m1", "h1", "main0", null), new("m2", "h2", "m1", "t2")],
        [new("m1", "h1", "main0", "t1"), new("m2", "h2", "m1", "t2"), new("m3", "h9", "m2", "t3")],
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Through_AnyLandingSinceNotAsPredicted_IsMadeAgain(int example)
    {
        var chain = BrokenChains[example];
        Assert.Null(Prediction.Through(chain, [.. Prediction.Heads.Skip(chain.Length)]));
    }
}
