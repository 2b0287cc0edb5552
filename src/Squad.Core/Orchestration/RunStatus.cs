namespace Squad.Core.Orchestration;

public enum RunStatus
{
    Running,
    Completed,
    Failed,
    Interrupted,
}
