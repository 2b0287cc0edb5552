using System.Text;

namespace Squad.Core.Domain;

/// <summary>
/// What the Diagnostician found for a bug: why it fails, how to fix it, how it was reproduced, and the Gherkin
/// scenario the fix must satisfy. Its Markdown form is the tracker comment, the PR's spec and what intake reads.
/// </summary>
public sealed record Diagnosis
{
    /// <summary>The heading every diagnosis comment starts with.</summary>
    public const string Heading = "## Diagnosis";

    public required string Hypothesis { get; init; }

    public required string FixPlan { get; init; }

    /// <summary>The scenario (or scenarios) in Gherkin, without the Markdown fence.</summary>
    public required string Scenario { get; init; }

    /// <summary>How the failure was reproduced (a failing test, a command's output), when it was.</summary>
    public string? Reproduction { get; init; }

    public string ToMarkdown()
    {
        var text = new StringBuilder();
        text.AppendLine(Heading).AppendLine();
        text.AppendLine("### Hypothesis").AppendLine().AppendLine(Hypothesis.Trim()).AppendLine();
        text.AppendLine("### Fix plan").AppendLine().AppendLine(FixPlan.Trim()).AppendLine();
        if (!string.IsNullOrWhiteSpace(Reproduction))
        {
            text.AppendLine("### Reproduction").AppendLine().AppendLine(Reproduction.Trim()).AppendLine();
        }

        text.AppendLine("### Scenario the fix must satisfy").AppendLine();
        text.AppendLine("```gherkin").AppendLine(Scenario.Trim()).AppendLine("```");
        return text.ToString();
    }
}
