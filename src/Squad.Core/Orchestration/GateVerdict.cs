namespace Squad.Core.Orchestration;

internal enum GateVerdict
{
    Pass,
    ChangesNeeded,
    Hold,
}
