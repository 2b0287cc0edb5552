using System.Text.Json;

namespace Squad.Cli;

/// <summary>One tool call of the audit trail, as <c>squad audit --json</c> and <c>--jsonl</c> write it.</summary>
internal sealed record ToolCallDto
{
    public string Kind { get; init; } = "tool_call";

    public required DateTimeOffset At { get; init; }

    public required string RunId { get; init; }

    public required string Issue { get; init; }

    public required string Role { get; init; }

    public required int Pass { get; init; }

    public required string Tool { get; init; }

    /// <summary>The arguments as the model sent them, secrets redacted.</summary>
    public required JsonElement Arguments { get; init; }

    public required string Status { get; init; }

    public int? ExitCode { get; init; }

    public required double DurationMs { get; init; }
}
