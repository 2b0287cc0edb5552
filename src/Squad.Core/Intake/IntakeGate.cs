using System.Globalization;
using Squad.Core.Domain;

namespace Squad.Core.Intake;

/// <summary>
/// Decides whether an issue is refined enough for a squad: Gherkin acceptance criteria, and small
/// enough. It never guesses: a refusal says what is missing and what to do.
/// </summary>
public sealed class IntakeGate(IntakeOptions options)
{
    private const string Again = "then run Squad again.";

    /// <summary>Sanitizes the description, reads its acceptance criteria and checks the limits.</summary>
    /// <param name="issue">The issue as the tracker holds it.</param>
    /// <param name="diagnosis">
    /// A triggered bug fix's diagnosis (Markdown): when the issue has no Gherkin of its own, the scenario of the
    /// diagnosis is its acceptance criteria.
    /// </param>
    public IntakeDecision Evaluate(Issue issue, string? diagnosis = null)
    {
        ArgumentNullException.ThrowIfNull(issue);
        var id = issue.Identifier;
        var description = IssueSanitizer.Sanitize(issue.Description);
        var problems = new List<string>();
        if (issue.Estimate is { } estimate && estimate > options.MaxEstimate)
        {
            problems.Add(Format(
                $"{id} is estimated at {estimate} points, over the limit of {options.MaxEstimate}: split it into smaller issues, {Again}"));
        }

        if (description.Length > options.MaxDescriptionCharacters)
        {
            problems.Add(Format(
                $"{id} has a description of {description.Length} characters, over the limit of {options.MaxDescriptionCharacters}: shorten it or split the issue, {Again}"));
            return IntakeDecision.Refuse(problems, description);
        }

        var criteria = ReadCriteria(description, diagnosis);
        problems.AddRange(CriteriaProblems(id, criteria));
        return problems.Count == 0
            ? IntakeDecision.Accept(criteria.Scenarios, description)
            : IntakeDecision.Refuse(problems, description);
    }

    /// <summary>The issue's own Gherkin, or else the diagnosis's scenario.</summary>
    public static AcceptanceCriteria ReadCriteria(string sanitizedDescription, string? diagnosis)
    {
        var parser = new AcceptanceCriteriaParser();
        var own = parser.Parse(sanitizedDescription);
        return own.BlockCount == 0 && diagnosis is not null ? parser.Parse(diagnosis) : own;
    }

    private IEnumerable<string> CriteriaProblems(string id, AcceptanceCriteria criteria)
    {
        if (!criteria.IsValid)
        {
            var errors = string.Join("; ", criteria.Errors);
            yield return $"{id} has malformed acceptance criteria: {errors}. Fix the Gherkin in the description, {Again}";
            yield break;
        }

        if (criteria.Scenarios.Count == 0)
        {
            yield return $"{id} has no acceptance criteria: add Gherkin scenarios in a ```gherkin block to the description, {Again} (For a bug report, `squad fix {id}` or `/squad fix {id}` in Slack diagnoses it first and writes the scenario.)";
            yield break;
        }

        if (criteria.Scenarios.Count > options.MaxScenarios)
        {
            yield return Format(
                $"{id} has {criteria.Scenarios.Count} scenarios, over the limit of {options.MaxScenarios}: split it into smaller issues, {Again}");
        }

        var stepless = criteria.Scenarios.Where(scenario => scenario.Steps.Count == 0).Select(scenario => $"'{scenario.Name}'").ToList();
        if (stepless.Count > 0)
        {
            yield return $"{id} has scenarios without steps ({string.Join(", ", stepless)}): give each scenario its Given/When/Then steps, {Again}";
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
