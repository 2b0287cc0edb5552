namespace Squad.Core.Orchestration.Queue;

/// <summary>What a squad's pushed branch changes against the base branch: its files and its size in lines.</summary>
internal sealed record PushedDiff(IReadOnlyList<string> Files, long Lines);
