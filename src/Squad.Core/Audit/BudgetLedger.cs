namespace Squad.Core.Audit;

/// <summary>
/// What the issues of one milestone have spent, against its budgets. Starts from what earlier runs
/// recorded, so a rerun does not reset the count; shared by the milestone's parallel squads.
/// </summary>
internal sealed class BudgetLedger(Budgets budgets, IReadOnlyDictionary<string, Usage> spent)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Usage> issues = new(spent, StringComparer.Ordinal);
    private Usage milestone = spent.Values.Aggregate(Usage.Zero, (total, usage) => total.Add(usage));

    public Budgets Budgets => budgets;

    public void Add(string issue, Usage usage)
    {
        lock (gate)
        {
            issues[issue] = (issues.GetValueOrDefault(issue) ?? Usage.Zero).Add(usage);
            milestone = milestone.Add(usage);
        }
    }

    /// <summary>Null while the issue may make another model call; otherwise which budget is spent, and by how much.</summary>
    public string? Exceeded(string issue)
    {
        lock (gate)
        {
            var spentOnIssue = issues.GetValueOrDefault(issue) ?? Usage.Zero;
            return Check("issue", issue, budgets.IssueTokens, budgets.IssueUsd, spentOnIssue)
                ?? Check("milestone", "the milestone", budgets.MilestoneTokens, budgets.MilestoneUsd, milestone);
        }
    }

    private static string? Check(string scope, string who, long? tokens, decimal? usd, Usage spent)
    {
        var used = $"{who} has used {Usage.FormatCount(spent.Tokens)} tokens ({Usage.FormatUsd(spent.CostUsd)})";
        if (tokens is { } tokenLimit && spent.Tokens >= tokenLimit)
        {
            return $"budget exceeded: the {scope} budget of {Usage.FormatCount(tokenLimit)} tokens is spent; {used}";
        }

        if (usd is { } dollarLimit && spent.CostUsd >= dollarLimit)
        {
            return $"budget exceeded: the {scope} budget of {Usage.FormatUsd(dollarLimit)} is spent; {used}";
        }

        return null;
    }
}
