namespace Squad.Core.Orchestration;

/// <summary>A pristine copy that guardrails ran in, with the tree it holds and the tree its set-up ran on.</summary>
public sealed record PristineCopy(Workspace Copy, string Tree, string SetupTree);
