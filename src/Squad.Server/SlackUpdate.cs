namespace Squad.Server;

/// <summary>What a progress message is, which decides where it goes: <c>response_url</c> takes only a few.</summary>
internal enum SlackUpdate
{
    /// <summary>A step worth a line in the thread only.</summary>
    Step,
    Started,
    PullRequestOpened,

    /// <summary>The run's end: always posted, the <c>response_url</c> keeps a post for it.</summary>
    Final,
}
