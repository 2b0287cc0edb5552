using Squad.Core.Configuration;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

internal sealed record GateInput
{
    public required ICodeHost Host { get; init; }

    public required string Repository { get; init; }

    public required string HeadSha { get; init; }

    public required string BaseSha { get; init; }

    public required IReadOnlyList<Identity> Reviewers { get; init; }

    public required IReadOnlyList<Review> Reviews { get; init; }

    public required RepositoryConfig Config { get; init; }

    public required CommandRunner Commands { get; init; }

    /// <summary>A clean checkout of exactly <see cref="HeadSha"/>.</summary>
    public required string WorkspacePath { get; init; }
}
