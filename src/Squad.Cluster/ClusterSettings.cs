namespace Squad.Cluster;

/// <summary>Where a cluster keeps its membership, grain state and reminders: one PostgreSQL database shared by every node.</summary>
public sealed record ClusterSettings
{
    /// <summary>An Npgsql connection string (<c>--cluster</c> or <c>SQUAD_CLUSTER</c>).</summary>
    public required string ConnectionString { get; init; }

    /// <summary>Nodes with the same id form one cluster; another id on the same database is another cluster.</summary>
    public string ClusterId { get; init; } = "squad";

    /// <summary>The environment variable that holds the connection string when <c>--cluster</c> is not given.</summary>
    public const string Variable = "SQUAD_CLUSTER";
}
