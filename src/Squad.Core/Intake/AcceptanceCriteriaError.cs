using System.Globalization;

namespace Squad.Core.Intake;

/// <summary>A problem in one Gherkin block of an issue description.</summary>
public sealed record AcceptanceCriteriaError
{
    /// <summary>The 1-based number of the Gherkin block in the description.</summary>
    public required int Block { get; init; }

    /// <summary>The 1-based line inside the block, or 0 when the problem concerns the whole block.</summary>
    public required int Line { get; init; }

    /// <summary>What is wrong, as the Gherkin parser says it (without its location prefix).</summary>
    public required string Message { get; init; }

    /// <summary>A one-line description naming the block and the line, for refusal comments.</summary>
    public override string ToString() => Line > 0
        ? string.Create(CultureInfo.InvariantCulture, $"gherkin block {Block}, line {Line}: {Message}")
        : string.Create(CultureInfo.InvariantCulture, $"gherkin block {Block}: {Message}");
}
