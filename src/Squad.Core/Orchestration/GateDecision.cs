namespace Squad.Core.Orchestration;

/// <summary>The merge gate's answer: merge, go back to the squad, or hold for a person.</summary>
internal sealed record GateDecision
{
    public required GateVerdict Verdict { get; init; }

    public string Reason { get; init; } = "";

    public static GateDecision Pass() => new() { Verdict = GateVerdict.Pass };

    public static GateDecision ChangesNeeded(string reason) => new() { Verdict = GateVerdict.ChangesNeeded, Reason = reason };

    public static GateDecision Hold(string reason) => new() { Verdict = GateVerdict.Hold, Reason = reason };
}
