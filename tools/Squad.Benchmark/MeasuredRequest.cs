namespace Squad.Benchmark;

/// <summary>One analysed request: whether it opened its pass, its length, and how much of it was the previous request's prefix.</summary>
internal sealed record MeasuredRequest
{
    public required bool First { get; init; }

    /// <summary>Characters of the serialized request.</summary>
    public required int Length { get; init; }

    /// <summary>Characters shared with the previous request of the role, from the start; null when there was none.</summary>
    public required int? Reused { get; init; }
}
