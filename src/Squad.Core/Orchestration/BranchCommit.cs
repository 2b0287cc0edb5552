namespace Squad.Core.Orchestration;

/// <summary>One commit of a squad's branch: its hash, the role that made it (empty when not a squad role's), its subject.</summary>
internal sealed record BranchCommit(string Sha, string Role, string Subject);
