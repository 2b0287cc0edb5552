namespace Squad.Cluster;

/// <summary>A squad grain's key: the tracker and the issue. Linear identifiers are unique in a workspace; a local folder's are not, so its key names the folder.</summary>
public static class SquadKey
{
    public static string For(string reference, string milestoneKey, string issueIdentifier)
        => reference.Contains("://", StringComparison.Ordinal)
            ? $"linear:{issueIdentifier}"
            : $"local:{milestoneKey}#{issueIdentifier}";
}
