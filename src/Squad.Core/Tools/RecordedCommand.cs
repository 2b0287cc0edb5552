namespace Squad.Core.Tools;

/// <summary>
/// A command's outcome recorded from a pristine sandboxed copy of a tree (git content only, set up on base content, under
/// the base branch's rules), which a read-only role's identical command on the same tree under the same rules is answered
/// with instead of running it again.
/// </summary>
/// <param name="Outcome">What the command printed and how it exited.</param>
/// <param name="Tree">The git tree it ran on.</param>
/// <param name="RanAfter">The commands run before it in the same copy (the guardrails' order), none of which changes files.</param>
/// <param name="Source">Which run recorded it: the reviewers' evidence, the merge queue, post-merge verification.</param>
public sealed record RecordedCommand(CommandOutcome Outcome, string Tree, IReadOnlyList<string> RanAfter, string Source)
{
    /// <summary>The line put before the answer: it was not run now, and where it ran.</summary>
    public string Note
        => $"recorded result: `{Outcome.Name}` already ran on tree {Tree[..Math.Min(12, Tree.Length)]} in a pristine sandboxed copy under the same rules"
            + (RanAfter.Count == 0 ? "" : $", after {string.Join(", ", RanAfter.Select(n => $"`{n}`"))}")
            + $" ({Source}); not run again";
}
