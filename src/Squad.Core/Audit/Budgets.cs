namespace Squad.Core.Audit;

/// <summary>
/// Spending limits: per issue (a squad, over all its runs) and per milestone (all its squads, over all
/// runs), in tokens (in and out together) and in US dollars. A null limit is no limit. Before each
/// model call, a squad whose issue or milestone has reached a limit stops as budget-exceeded.
/// </summary>
public sealed record Budgets
{
    public static Budgets None { get; } = new();

    public decimal? IssueUsd { get; init; }

    public long? IssueTokens { get; init; }

    public decimal? MilestoneUsd { get; init; }

    public long? MilestoneTokens { get; init; }

    /// <summary>A dollar limit needs a price for every model in use.</summary>
    public bool LimitsDollars => IssueUsd is not null || MilestoneUsd is not null;
}
