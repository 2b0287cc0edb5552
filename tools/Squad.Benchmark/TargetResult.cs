namespace Squad.Benchmark;

/// <summary>One target of the issue, the figure it applies to, and whether the figure meets it.</summary>
internal sealed record TargetResult
{
    public required string Name { get; init; }

    public required double Value { get; init; }

    /// <summary><c>&lt;=</c> or <c>&gt;=</c>.</summary>
    public required string Comparison { get; init; }

    public required double Limit { get; init; }

    public required string Unit { get; init; }

    public required bool Met { get; init; }

    public static TargetResult AtMost(string name, double value, double limit, string unit)
        => new() { Name = name, Value = value, Comparison = "<=", Limit = limit, Unit = unit, Met = value <= limit };

    public static TargetResult AtLeast(string name, double value, double limit, string unit)
        => new() { Name = name, Value = value, Comparison = ">=", Limit = limit, Unit = unit, Met = value >= limit };
}
