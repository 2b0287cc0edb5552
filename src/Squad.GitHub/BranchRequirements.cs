namespace Squad.GitHub;

/// <summary>What a base branch requires before a merge, from its rulesets and its classic protection (where readable).</summary>
internal sealed record BranchRequirements
{
    public static BranchRequirements None { get; } = new();

    /// <summary>The contexts (commit status contexts or check run names) that must pass on the head.</summary>
    public IReadOnlyList<string> RequiredChecks { get; init; } = [];

    /// <summary>"Require branches to be up to date before merging": the head must contain the base's tip.</summary>
    public bool Strict { get; init; }

    /// <summary>Approving reviews on the head that GitHub counts (reviews by accounts other than the author).</summary>
    public int RequiredApprovals { get; init; }

    /// <summary>A <c>merge_queue</c> rule: merges go through GitHub's merge queue.</summary>
    public bool MergeQueue { get; init; }
}
