using Squad.Core.Domain;

namespace Squad.Core.Intake;

/// <summary>
/// The acceptance criteria found in an issue description: the scenarios of every Gherkin block,
/// and the parse errors of the blocks that are not valid Gherkin.
/// </summary>
public sealed record AcceptanceCriteria
{
    /// <summary>One entry per Scenario or Scenario Outline, in the order they appear.</summary>
    public required IReadOnlyList<Scenario> Scenarios { get; init; }

    /// <summary>Why blocks could not be read; empty when every block is valid Gherkin.</summary>
    public required IReadOnlyList<AcceptanceCriteriaError> Errors { get; init; }

    /// <summary>How many <c>gherkin</c> or <c>feature</c> code blocks the description holds.</summary>
    public required int BlockCount { get; init; }

    /// <summary>True when there are no errors.</summary>
    public bool IsValid => Errors.Count == 0;
}
