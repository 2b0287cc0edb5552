namespace Squad.Core.Tools;

/// <summary>
/// A writer's commit checks on the tree to be committed, in a pristine sandboxed copy of that tree set up on base content:
/// when they are the checks the head's evidence runs (<see cref="Names"/>), the commit's result is the one the reviewers'
/// evidence and the merge queue reuse, so the head is tested once instead of once in the work tree and again in a copy.
/// </summary>
/// <param name="Names">The commands, in order, whose run this is: the head's evidence.</param>
/// <param name="RunAsync">Runs <see cref="Names"/> on a tree (its hash); the first failure, or null when all passed.</param>
public sealed record PristineChecks(IReadOnlyList<string> Names, Func<string, CancellationToken, Task<CommandOutcome?>> RunAsync);
