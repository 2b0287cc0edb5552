using Squad.Core.Agents;
using Squad.Core.Audit;

namespace Squad.Cli;

/// <summary>What every milestone run of one command shares: the data directory's services, the settings, the roles and the prices.</summary>
internal sealed record RunComposition
{
    public required CliHost Host { get; init; }

    public required MilestoneRunSettings Settings { get; init; }

    /// <summary>The roles, with <see cref="MilestoneRunSettings.Model"/> applied.</summary>
    public required AgentCatalog Agents { get; init; }

    public required PriceTable Prices { get; init; }
}
