namespace Squad.Benchmark;

/// <summary>Figure 8: what a merged issue costs in tokens, by role and for the squad, beside one agent doing the same work.</summary>
internal sealed record TokenFigures
{
    /// <summary>The prices the cost is computed at, per million tokens.</summary>
    public required TokenPrices Prices { get; init; }

    /// <summary>One row per role, then the squad's total, then the single agent.</summary>
    public required IReadOnlyList<TokenRow> Rows { get; init; }

    /// <summary>The squad's input tokens per merged issue over the single agent's.</summary>
    public required double SquadOverSingleAgentInput { get; init; }

    /// <summary>The squad's cost per merged issue over the single agent's.</summary>
    public required double SquadOverSingleAgentCost { get; init; }
}

/// <summary>Tokens and cost per merged issue of one role, the squad, or the single agent.</summary>
internal sealed record TokenRow
{
    public required string Who { get; init; }

    public required double Calls { get; init; }

    public required double InputTokens { get; init; }

    /// <summary>The share of the input a prompt cache holds: the byte-identical prefix of the same conversation's previous request.</summary>
    public required double CachedPercent { get; init; }

    public required double OutputTokens { get; init; }

    public required double CostUsd { get; init; }
}

/// <summary>US dollars per million tokens.</summary>
internal sealed record TokenPrices(string Model, double Input, double CachedInput, double Output)
{
    /// <summary>Anthropic's list prices of Claude Sonnet 4.5 (input, cache read, output), used as an illustration.</summary>
    public static TokenPrices Illustrative { get; } = new("claude-sonnet-4.5 list price", 3.00, 0.30, 15.00);

    public double Cost(double input, double cached, double output) => ((input - cached) * Input + cached * CachedInput + output * Output) / 1_000_000;
}
