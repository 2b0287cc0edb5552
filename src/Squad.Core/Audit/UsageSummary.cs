namespace Squad.Core.Audit;

/// <summary>The model calls of one run, added up per issue, per role and in total.</summary>
public sealed record UsageSummary
{
    public static UsageSummary Empty { get; } = new()
    {
        ByIssue = new Dictionary<string, Usage>(),
        ByRole = new Dictionary<string, Usage>(),
        Total = Usage.Zero,
    };

    /// <summary>Keyed by issue identifier.</summary>
    public required IReadOnlyDictionary<string, Usage> ByIssue { get; init; }

    /// <summary>Keyed by role name (<c>developer</c>, <c>qa</c>, ...).</summary>
    public required IReadOnlyDictionary<string, Usage> ByRole { get; init; }

    public required Usage Total { get; init; }
}
