using Squad.Core.Audit;

namespace Squad.Cli;

/// <summary>Model calls added up: how many, tokens in and out, cost in US dollars.</summary>
internal sealed record UsageDto
{
    public required long Calls { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required decimal CostUsd { get; init; }

    public static UsageDto From(Usage? usage) => new()
    {
        Calls = usage?.Calls ?? 0,
        InputTokens = usage?.InputTokens ?? 0,
        OutputTokens = usage?.OutputTokens ?? 0,
        CostUsd = usage?.CostUsd ?? 0m,
    };
}
