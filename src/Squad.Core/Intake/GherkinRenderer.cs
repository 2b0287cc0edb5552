using System.Text;
using Gherkin.Ast;

namespace Squad.Core.Intake;

/// <summary>Turns a parsed Gherkin scenario into the domain <see cref="Domain.Scenario"/>, re-rendered as Gherkin text.</summary>
internal static class GherkinRenderer
{
    private const string StepIndent = "  ";
    private const string ArgumentIndent = "    ";

    public static Domain.Scenario ToScenario(string featureName, Background? background, ScenarioDefinition definition)
    {
        var steps = (background?.Steps ?? []).Concat(definition.Steps ?? []).ToList();
        return new Domain.Scenario
        {
            Feature = featureName,
            Name = definition.Name?.Trim() ?? "",
            Steps = [.. steps.Select(StepLine)],
            Text = Render(definition, steps),
        };
    }

    private static string StepLine(Step step) => $"{step.Keyword.Trim()} {step.Text.Trim()}";

    private static string Render(ScenarioDefinition definition, IReadOnlyList<Step> steps)
    {
        var text = new StringBuilder();
        var tags = definition is IHasTags tagged ? tagged.Tags.Select(tag => tag.Name).ToList() : [];
        if (tags.Count > 0)
        {
            text.Append(string.Join(' ', tags)).Append('\n');
        }

        text.Append($"{definition.Keyword.Trim()}: {definition.Name?.Trim()}".TrimEnd()).Append('\n');
        AppendDescription(text, definition.Description, StepIndent);
        foreach (var step in steps)
        {
            text.Append(StepIndent).Append(StepLine(step)).Append('\n');
            AppendArgument(text, step.Argument);
        }

        if (definition is ScenarioOutline outline)
        {
            foreach (var examples in outline.Examples)
            {
                AppendExamples(text, examples);
            }
        }

        return text.ToString().TrimEnd();
    }

    private static void AppendDescription(StringBuilder text, string? description, string indent)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return;
        }

        foreach (var line in description.Trim().Split('\n'))
        {
            text.Append($"{indent}{line.Trim()}".TrimEnd()).Append('\n');
        }
    }

    private static void AppendArgument(StringBuilder text, StepArgument? argument)
    {
        switch (argument)
        {
            case DataTable table:
                AppendTable(text, [.. table.Rows]);
                break;
            case DocString docString:
                text.Append(ArgumentIndent).Append("\"\"\"").Append(docString.ContentType ?? "").Append('\n');
                foreach (var line in (docString.Content ?? "").Split('\n'))
                {
                    var escaped = line.Replace("\"\"\"", "\\\"\\\"\\\"", StringComparison.Ordinal);
                    text.Append($"{ArgumentIndent}{escaped}".TrimEnd()).Append('\n');
                }

                text.Append(ArgumentIndent).Append("\"\"\"\n");
                break;
        }
    }

    private static void AppendExamples(StringBuilder text, Examples examples)
    {
        text.Append('\n');
        var tags = examples.Tags.Select(tag => tag.Name).ToList();
        if (tags.Count > 0)
        {
            text.Append(StepIndent).Append(string.Join(' ', tags)).Append('\n');
        }

        text.Append($"{StepIndent}{examples.Keyword.Trim()}: {examples.Name?.Trim()}".TrimEnd()).Append('\n');
        AppendDescription(text, examples.Description, ArgumentIndent);
        var rows = new List<TableRow>();
        if (examples.TableHeader is not null)
        {
            rows.Add(examples.TableHeader);
        }

        rows.AddRange(examples.TableBody ?? []);
        AppendTable(text, rows);
    }

    private static void AppendTable(StringBuilder text, IReadOnlyList<TableRow> rows)
    {
        var cells = rows.Select(row => row.Cells.Select(cell => EscapeCell(cell.Value)).ToList()).ToList();
        var columns = cells.Count == 0 ? 0 : cells.Max(row => row.Count);
        var widths = Enumerable.Range(0, columns)
            .Select(column => cells.Max(row => column < row.Count ? row[column].Length : 0))
            .ToList();
        foreach (var row in cells)
        {
            var padded = row.Select((cell, column) => cell.PadRight(widths[column]));
            text.Append(ArgumentIndent).Append("| ").Append(string.Join(" | ", padded)).Append(" |\n");
        }
    }

    private static string EscapeCell(string? value) => (value ?? "")
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal);
}
