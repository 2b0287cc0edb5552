namespace Squad.GitHub.Wire;

internal sealed record GitHubCheckRunDto
{
    public required string Name { get; init; }

    /// <summary><c>queued</c>, <c>in_progress</c>, <c>completed</c>, ...</summary>
    public required string Status { get; init; }

    /// <summary>Set once completed: <c>success</c>, <c>failure</c>, <c>neutral</c>, <c>skipped</c>, ...</summary>
    public string? Conclusion { get; init; }
}
