namespace Squad.Cli;

internal sealed record CommitDto
{
    public required string Sha { get; init; }

    public required string Author { get; init; }

    public required string Email { get; init; }

    public required string Subject { get; init; }
}
