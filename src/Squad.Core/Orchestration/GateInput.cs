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

    /// <summary>The squad's clone, where the diff is read (never a tree any command has run in).</summary>
    public required string ClonePath { get; init; }

    /// <summary>
    /// Makes a fresh, throwaway copy of exactly <see cref="HeadSha"/> (set up on the base branch's content first) where
    /// the merge guardrails run, and removes it: no agent's tree, build output or planted file takes part.
    /// </summary>
    public required Func<CancellationToken, Task<Workspace>> CreateCheckoutAsync { get; init; }

    public required Func<Workspace, Task> RemoveCheckoutAsync { get; init; }

    /// <summary>
    /// Whether the merge guardrails run on the head here. The merge queue sets it off: it runs them on the merge result
    /// of the head with the current base, which is what lands.
    /// </summary>
    public bool TestHead { get; init; } = true;
}
