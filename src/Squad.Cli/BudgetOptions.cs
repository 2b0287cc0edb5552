using System.CommandLine;
using Squad.Core;
using Squad.Core.Audit;

namespace Squad.Cli;

/// <summary>The budget options of <c>run</c> and <c>demo</c>, and the <see cref="Budgets"/> they make.</summary>
internal sealed class BudgetOptions
{
    private readonly Option<decimal?> issueUsd = new("--budget-issue-usd") { Description = "Stop a squad once its issue has cost this many US dollars (over all runs)." };
    private readonly Option<long?> issueTokens = new("--budget-issue-tokens") { Description = "Stop a squad once its issue has used this many tokens, in and out (over all runs)." };
    private readonly Option<decimal?> milestoneUsd = new("--budget-milestone-usd") { Description = "Stop every squad once the milestone has cost this many US dollars (over all runs)." };
    private readonly Option<long?> milestoneTokens = new("--budget-milestone-tokens") { Description = "Stop every squad once the milestone has used this many tokens (over all runs)." };

    public IEnumerable<Option> All => [issueUsd, issueTokens, milestoneUsd, milestoneTokens];

    /// <exception cref="SquadException">A budget is zero or negative.</exception>
    public Budgets Read(ParseResult parse) => new()
    {
        IssueUsd = Positive(parse.GetValue(issueUsd), issueUsd.Name),
        IssueTokens = Positive(parse.GetValue(issueTokens), issueTokens.Name),
        MilestoneUsd = Positive(parse.GetValue(milestoneUsd), milestoneUsd.Name),
        MilestoneTokens = Positive(parse.GetValue(milestoneTokens), milestoneTokens.Name),
    };

    private static T? Positive<T>(T? value, string name)
        where T : struct, IComparable<T>
        => value is { } limit && limit.CompareTo(default) <= 0
            ? throw new SquadException(SquadErrorCode.InvalidInput, $"{name} must be more than zero, not {limit}")
            : value;
}
