namespace Squad.Core.Audit;

/// <summary>What a model costs, in US dollars per million tokens.</summary>
public sealed record ModelPrice
{
    public required decimal InputPerMillion { get; init; }

    public required decimal OutputPerMillion { get; init; }

    public decimal Cost(long inputTokens, long outputTokens)
        => ((inputTokens * InputPerMillion) + (outputTokens * OutputPerMillion)) / 1_000_000m;
}
