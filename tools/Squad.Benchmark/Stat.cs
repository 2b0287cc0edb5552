namespace Squad.Benchmark;

/// <summary>
/// Median, min and max of a figure, rounded once here: the table prints and the JSON holds these same numbers.
/// </summary>
internal sealed record Stat
{
    public required double Median { get; init; }

    public required double Min { get; init; }

    public required double Max { get; init; }

    public static Stat Of(IEnumerable<double> values, int decimals)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            throw new InvalidOperationException("no samples for a figure: the benchmark measured nothing");
        }

        var median = MedianOfSorted(sorted);
        return new Stat
        {
            Median = Math.Round(median, decimals, MidpointRounding.AwayFromZero),
            Min = Math.Round(sorted[0], decimals, MidpointRounding.AwayFromZero),
            Max = Math.Round(sorted[^1], decimals, MidpointRounding.AwayFromZero),
        };
    }

    /// <summary>The median, unrounded: for figures derived from another figure's median.</summary>
    public static double MedianOf(IEnumerable<double> values) => MedianOfSorted([.. values.Order()]);

    private static double MedianOfSorted(List<double> sorted)
    {
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
