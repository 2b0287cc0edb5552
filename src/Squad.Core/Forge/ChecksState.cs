namespace Squad.Core.Forge;

public enum ChecksState
{
    Passing,
    Pending,
    Failing,
}
