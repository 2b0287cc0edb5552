namespace Squad.Cli;

/// <summary>The options of <c>squad serve</c>.</summary>
internal sealed record ServeRequest
{
    /// <summary>Listening addresses, separated by <c>;</c> or <c>,</c> (the ASP.NET convention).</summary>
    public required string Urls { get; init; }

    public string? AllowUsers { get; init; }

    public string? AllowChannels { get; init; }

    /// <summary>A local milestone folder where <c>/squad fix</c> looks bare identifiers up, instead of Linear.</summary>
    public string? IssuesFolder { get; init; }

    /// <summary><c>--slack-mode</c>: <c>http</c> or <c>socket</c>; null leaves it to <c>squad.yml</c>, then HTTP.</summary>
    public string? SlackMode { get; init; }

    /// <summary><c>--cluster</c> (or <c>SQUAD_CLUSTER</c>): Slack's commands go to the cluster and the dashboard reads its PostgreSQL.</summary>
    public string? Cluster { get; init; }

    /// <summary><c>--dev-local-forge</c>: a one-machine test cluster's shared forge folder.</summary>
    public string? DevLocalForge { get; init; }

    /// <summary>How the runs Slack starts are composed (the data directory, models, roles); the reference comes from Slack.</summary>
    public required MilestoneRunSettings Runs { get; init; }
}
