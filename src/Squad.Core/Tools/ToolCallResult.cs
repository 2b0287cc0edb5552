namespace Squad.Core.Tools;

/// <summary>What a tool call answered; refusals and failures are data for the model.</summary>
public sealed record ToolCallResult
{
    public required ToolCallStatus Status { get; init; }

    public required string Output { get; init; }

    /// <summary>The exit code of the last command the call ran (<c>run_command</c>, a guardrail); null when it ran none.</summary>
    public int? ExitCode { get; init; }

    public static ToolCallResult Ok(string output) => new() { Status = ToolCallStatus.Ok, Output = output };

    public static ToolCallResult Failed(string message) => new() { Status = ToolCallStatus.Failed, Output = "error: " + message };

    public static ToolCallResult Refused(string message) => new() { Status = ToolCallStatus.Refused, Output = "refused: " + message };
}
