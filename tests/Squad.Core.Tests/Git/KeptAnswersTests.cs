using Squad.Core.Git;

namespace Squad.Core.Tests;

/// <summary>The process's memory of answers that never change: shared, bounded, and never holding a failure.</summary>
public sealed class KeptAnswersTests
{
    [Fact]
    public async Task ConcurrentCallersOfOneKey_ShareOneProduction_AndTheNextCallerGetsItKept()
    {
        var kept = new KeptAnswers<string>(4);
        var produced = 0;
        var release = new TaskCompletionSource();
        async Task<string> Produce()
        {
            Interlocked.Increment(ref produced);
            await release.Task;
            return "answer";
        }

        var first = kept.GetAsync("k", Produce);
        var second = kept.GetAsync("k", Produce);
        release.SetResult();

        Assert.Equal(["answer", "answer"], await Task.WhenAll(first, second));
        Assert.Equal("answer", await kept.GetAsync("k", Produce));
        Assert.Equal(1, produced);
    }

    [Fact]
    public async Task AFailure_OrAnAnswerNotToKeep_IsProducedAgainNextTime()
    {
        var kept = new KeptAnswers<string>(4);
        var calls = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() => kept.GetAsync("k", () => { calls++; throw new InvalidOperationException("git failed"); }));
        Assert.Equal("ok", await kept.GetAsync("k", () => { calls++; return Task.FromResult("ok"); }));
        Assert.Equal("large", await kept.GetAsync("big", () => { calls++; return Task.FromResult("large"); }, keep: _ => false));
        Assert.Equal("large", await kept.GetAsync("big", () => { calls++; return Task.FromResult("large"); }, keep: _ => false));

        Assert.Equal(4, calls);
    }

    [Fact]
    public async Task BeyondItsCapacity_TheOldestIsForgotten()
    {
        var kept = new KeptAnswers<int>(2);
        var calls = 0;
        Task<int> Produce(int value)
        {
            calls++;
            return Task.FromResult(value);
        }

        await kept.GetAsync("a", () => Produce(1));
        await kept.GetAsync("b", () => Produce(2));
        await kept.GetAsync("c", () => Produce(3));
        await kept.GetAsync("c", () => Produce(3));
        Assert.Equal(3, calls);

        Assert.Equal(1, await kept.GetAsync("a", () => Produce(1)));
        Assert.Equal(4, calls);
    }
}
