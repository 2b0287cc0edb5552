namespace Squad.Server;

/// <summary>What a progress message is, which decides where it goes: <c>response_url</c> takes only a few.</summary>
internal enum SlackUpdate
{
    /// <summary>A step worth a line in the thread only.</summary>
    Step,
    Started,
    PullRequestOpened,

    /// <summary>A bug fix's diagnosis: worth one of the <c>response_url</c> posts.</summary>
    Diagnosis,

    /// <summary>The run's end: always posted, the <c>response_url</c> keeps a post for it.</summary>
    Final,
}
