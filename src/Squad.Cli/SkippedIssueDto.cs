using Squad.Core.Orchestration;

namespace Squad.Cli;

/// <summary>An issue a sweep left alone: why, in a word (<c>in-flight</c>, <c>open-pull-request</c>, ...) and in a line.</summary>
internal sealed record SkippedIssueDto
{
    public required string Issue { get; init; }

    public required string Title { get; init; }

    public required string Kind { get; init; }

    public required string Reason { get; init; }

    public int? PullRequest { get; init; }

    public static SkippedIssueDto From(SweepSkip skip) => new()
    {
        Issue = skip.Issue.Identifier,
        Title = skip.Issue.Title,
        Kind = KindName(skip.Kind),
        Reason = skip.Reason,
        PullRequest = skip.PullRequestNumber,
    };

    public static string KindName(SweepSkipKind kind) => kind switch
    {
        SweepSkipKind.InFlight => "in-flight",
        SweepSkipKind.OpenPullRequest => "open-pull-request",
        SweepSkipKind.WaitsForBlocker => "waits-for-blocker",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
