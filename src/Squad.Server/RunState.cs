namespace Squad.Server;

/// <summary>Where a run started from Slack is.</summary>
internal enum RunState
{
    Queued,
    Running,
    Finished,
    Stopped,
    Failed,
}
