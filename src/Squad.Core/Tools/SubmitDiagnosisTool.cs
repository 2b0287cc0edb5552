using System.Text.Json;
using Squad.Core.Domain;
using Squad.Core.Intake;

namespace Squad.Core.Tools;

/// <summary>
/// The Diagnostician's one output: hypothesis, fix plan, reproduction and the Gherkin scenario the fix must satisfy.
/// A scenario that does not parse, or has no steps, is refused with the parser's reasons so the agent can correct it.
/// </summary>
internal sealed class SubmitDiagnosisTool : IAgentTool
{
    public string Name => ToolNames.SubmitDiagnosis;

    public string Description =>
        "Submit your diagnosis of the bug: why it fails, how to fix it, how you reproduced it, and the Gherkin scenario " +
        "(Scenario: with Given/When/Then steps) that the fix must satisfy. Submit exactly once.";

    public JsonElement Schema { get; } = ToolSchemas.Strings(
        [
            ("hypothesis", "Why the failure happens: the faulty code (file, member) and the input that triggers it."),
            ("fix_plan", "How to fix it: where to change what, and what not to touch."),
            ("scenario", "Gherkin: one or more 'Scenario:' blocks with Given/When/Then steps describing the correct behaviour."),
        ],
        [("reproduction", "How you reproduced the failure (the command, the failing test and its output), or why you could not.")]);

    public Task<string> InvokeAsync(ToolArguments arguments, ToolContext context, CancellationToken cancellationToken = default)
    {
        if (context.SubmittedDiagnosis is not null)
        {
            throw new ToolException("you already submitted a diagnosis; one per pass");
        }

        var scenario = StripFence(arguments.Required("scenario"));
        var criteria = new AcceptanceCriteriaParser().Parse($"```gherkin\n{scenario}\n```");
        if (!criteria.IsValid)
        {
            throw new ToolException($"the scenario is not valid Gherkin: {string.Join("; ", criteria.Errors)}");
        }

        if (criteria.Scenarios.Count == 0 || criteria.Scenarios.Any(s => s.Steps.Count == 0))
        {
            throw new ToolException("the scenario needs at least one 'Scenario:' with Given/When/Then steps");
        }

        context.SubmittedDiagnosis = new Diagnosis
        {
            Hypothesis = arguments.Required("hypothesis"),
            FixPlan = arguments.Required("fix_plan"),
            Scenario = scenario,
            Reproduction = arguments.Optional("reproduction"),
        };
        return Task.FromResult($"diagnosis submitted with {criteria.Scenarios.Count} scenario(s): {string.Join(", ", criteria.Scenarios.Select(s => s.Name))}");
    }

    /// <summary>Models often wrap the scenario in a Markdown fence; the fence is not part of the Gherkin.</summary>
    private static string StripFence(string text)
    {
        var lines = text.Trim().Split('\n').ToList();
        if (lines.Count >= 2 && lines[0].TrimStart().StartsWith("```", StringComparison.Ordinal) && lines[^1].Trim() == "```")
        {
            lines = lines[1..^1];
        }

        return string.Join('\n', lines).Trim();
    }
}
