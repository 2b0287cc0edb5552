namespace Squad.Core.Orchestration;

/// <summary>A repository's set-up for a tree: what runs it on base content, and the rules its outputs depend on.</summary>
/// <param name="Run">Runs the set-up in the tree at the path given (in the sandbox, with the network).</param>
/// <param name="Rules">
/// Everything besides the base tree that decides what the set-up writes (its commands, the sandbox, the limits): trees set
/// up on the same base under the same rules may get a copy of one run's outputs (<see cref="SetupOutputs"/>). Null: every
/// tree runs its own.
/// </param>
/// <param name="NoteReused">Says where progress shows that a tree got kept outputs instead of running the set-up.</param>
public sealed record CopySetUp(Func<string, Task> Run, string? Rules = null, Func<Task>? NoteReused = null);
