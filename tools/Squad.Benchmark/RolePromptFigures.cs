namespace Squad.Benchmark;

/// <summary>Input size and prefix reuse of one role's model calls.</summary>
internal sealed record RolePromptFigures
{
    public required string Role { get; init; }

    public required int Calls { get; init; }

    /// <summary>Input tokens per call: the serialized request's characters divided by four, rounded up.</summary>
    public required Stat InputTokens { get; init; }

    /// <summary>Input tokens of each pass's first call: the briefing, system prompt and tool declarations alone.</summary>
    public required Stat FirstCallInputTokens { get; init; }

    /// <summary>Per call, the percentage of the request that is a byte-identical prefix of the role's previous request.</summary>
    public required Stat PrefixReusePercent { get; init; }

    /// <summary>The same, for each pass's first call only, whose previous request is another squad's; null with one squad.</summary>
    public required Stat? FirstCallPrefixReusePercent { get; init; }

    /// <summary>All reused prefix characters over all request characters: the share a prompt cache would bill as cached.</summary>
    public required double WeightedPrefixReusePercent { get; init; }
}
