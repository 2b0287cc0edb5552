using System.Globalization;

namespace Squad.Core.Audit;

/// <summary>What a set of model calls used: how many there were, their tokens in and out, and their cost.</summary>
public sealed record Usage
{
    /// <summary>No call at all.</summary>
    public static Usage Zero { get; } = new();

    public long Calls { get; init; }

    public long InputTokens { get; init; }

    public long OutputTokens { get; init; }

    /// <summary>The cost in US dollars, as the price table priced each call.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Tokens in and out together: what token budgets count.</summary>
    public long Tokens => InputTokens + OutputTokens;

    public Usage Add(Usage other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new()
        {
            Calls = Calls + other.Calls,
            InputTokens = InputTokens + other.InputTokens,
            OutputTokens = OutputTokens + other.OutputTokens,
            CostUsd = CostUsd + other.CostUsd,
        };
    }

    /// <summary>Dollars for people, to a hundredth of a cent (<c>$0.0123</c>).</summary>
    public static string FormatUsd(decimal usd) => "$" + usd.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>A count with thousands separators (<c>12,345</c>), whatever the culture.</summary>
    public static string FormatCount(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
