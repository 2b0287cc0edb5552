namespace Squad.Core.Forge;

public enum PullRequestState
{
    Open,
    Merged,
    Closed,
}
