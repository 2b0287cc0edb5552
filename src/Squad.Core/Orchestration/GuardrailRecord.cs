namespace Squad.Core.Orchestration;

/// <summary>One recorded guardrail result as stored: its key, what it records and when.</summary>
public sealed record GuardrailRecord
{
    /// <summary>
    /// The kind and the SHA-256 of what decides the result (<see cref="GuardrailResults.Key"/>, lower-case hex):
    /// <c>run:…</c> or <c>step:…</c>.
    /// </summary>
    public required string Key { get; init; }

    /// <summary>A run of commands in one pristine copy, or one command of such a run.</summary>
    public required GuardrailRecordKind Kind { get; init; }

    /// <summary>The result as JSON, written and read by <see cref="GuardrailResults"/> only.</summary>
    public required string Payload { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }
}

/// <summary>What a <see cref="GuardrailRecord"/> holds.</summary>
public enum GuardrailRecordKind
{
    /// <summary>A run's first failure, or that every command passed.</summary>
    Run,

    /// <summary>One command's outcome, which a read-only role's identical command is answered with.</summary>
    Step,
}
