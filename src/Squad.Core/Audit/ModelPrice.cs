namespace Squad.Core.Audit;

/// <summary>What a model costs, in US dollars per million tokens.</summary>
public sealed record ModelPrice
{
    public required decimal InputPerMillion { get; init; }

    public required decimal OutputPerMillion { get; init; }

    /// <summary>Input tokens read from the provider's prompt cache; the input price when the price list names none.</summary>
    public decimal? CachedInputPerMillion { get; init; }

    public decimal Cost(long inputTokens, long outputTokens) => Cost(inputTokens, outputTokens, cachedInputTokens: 0);

    /// <summary>The cost of a call whose <paramref name="inputTokens"/> include <paramref name="cachedInputTokens"/> read from the cache.</summary>
    public decimal Cost(long inputTokens, long outputTokens, long cachedInputTokens)
    {
        var cached = Math.Clamp(cachedInputTokens, 0, inputTokens);
        return (((inputTokens - cached) * InputPerMillion) + (cached * (CachedInputPerMillion ?? InputPerMillion)) + (outputTokens * OutputPerMillion)) / 1_000_000m;
    }
}
