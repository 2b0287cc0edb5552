using Squad.Core.Audit;

namespace Squad.Server.Dashboard;

/// <summary>What model calls used, under a name: a role, an issue, or the whole run.</summary>
internal sealed record DashboardUsage
{
    public required string Name { get; init; }

    public required long Calls { get; init; }

    public required long InputTokens { get; init; }

    public required long OutputTokens { get; init; }

    public required decimal CostUsd { get; init; }

    public static DashboardUsage From(string name, Usage? usage) => new()
    {
        Name = name,
        Calls = usage?.Calls ?? 0,
        InputTokens = usage?.InputTokens ?? 0,
        OutputTokens = usage?.OutputTokens ?? 0,
        CostUsd = usage?.CostUsd ?? 0,
    };
}
