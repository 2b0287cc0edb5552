namespace Squad.Server.Dashboard;

/// <summary>One squad of a run on the dashboard: its outcome, its links and its timeline.</summary>
internal sealed record DashboardSquad
{
    public required string Issue { get; init; }

    public required string Title { get; init; }

    public required string Outcome { get; init; }

    /// <summary>The last step the squad completed.</summary>
    public required string Step { get; init; }

    public string? Reason { get; init; }

    public string? Branch { get; init; }

    public required int ReviewRounds { get; init; }

    /// <summary>The tracker issue's address, only when it is http(s).</summary>
    public string? IssueUrl { get; init; }

    public int? PullRequestNumber { get; init; }

    /// <summary>The pull request's address, only when it is http(s) (the local forge's are shown as text).</summary>
    public string? PullRequestUrl { get; init; }

    /// <summary>Where the pull request lives when it has no web address (<c>local-forge://notes/pull/1</c>).</summary>
    public string? PullRequestLocation { get; init; }

    /// <summary>The squad's audit trail (its model and tool calls) on this server; null in a report file.</summary>
    public string? AuditUrl { get; init; }

    public required IReadOnlyList<DashboardSegment> Timeline { get; init; }
}
