using Squad.Core.Domain;

namespace Squad.Core.Forge;

public sealed record NewPullRequest
{
    public required string Title { get; init; }

    public required string Body { get; init; }

    public required string HeadBranch { get; init; }

    public required string BaseBranch { get; init; }

    public required Identity Author { get; init; }
}
