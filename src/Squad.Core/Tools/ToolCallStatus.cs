namespace Squad.Core.Tools;

public enum ToolCallStatus
{
    Ok,
    Failed,
    Refused,
}
