using System.Text.RegularExpressions;
using Gherkin;
using Gherkin.Ast;
using Markdig;
using Markdig.Syntax;

namespace Squad.Core.Intake;

/// <summary>
/// Reads the acceptance criteria of an issue: every fenced code block whose info string is
/// <c>gherkin</c> or <c>feature</c>, parsed with the Cucumber Gherkin parser.
/// </summary>
/// <remarks>
/// A block may omit the <c>Feature:</c> line and start directly with <c>Scenario:</c> or
/// <c>Background:</c>, as acceptance criteria in trackers often do; the scenarios then have an
/// empty feature name. Background steps are prepended to the steps of every scenario of the block.
/// </remarks>
public sealed partial class AcceptanceCriteriaParser
{
    private const string NoScenarioMessage =
        "it holds no Scenario or Scenario Outline (the keywords understood are Feature, Background, Scenario, Scenario Outline and Examples)";

    private static readonly string[] HeaderlessStarts = ["Scenario", "Background"];

    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder().Build();

    /// <summary>Finds and parses every Gherkin block of a Markdown description.</summary>
    /// <param name="markdownDescription">The description, already sanitized.</param>
    /// <returns>The scenarios of the valid blocks and the errors of the others.</returns>
    public AcceptanceCriteria Parse(string markdownDescription)
    {
        ArgumentNullException.ThrowIfNull(markdownDescription);
        var scenarios = new List<Domain.Scenario>();
        var errors = new List<AcceptanceCriteriaError>();
        var block = 0;
        foreach (var code in Markdown.Parse(markdownDescription, pipeline).Descendants<FencedCodeBlock>())
        {
            if (!IsGherkinInfo(code.Info))
            {
                continue;
            }

            block++;
            ParseBlock(code.Lines.ToString(), block, scenarios, errors);
        }

        return new AcceptanceCriteria { Scenarios = scenarios, Errors = errors, BlockCount = block };
    }

    private static bool IsGherkinInfo(string? info) =>
        string.Equals(info, "gherkin", StringComparison.OrdinalIgnoreCase)
        || string.Equals(info, "feature", StringComparison.OrdinalIgnoreCase);

    private static void ParseBlock(
        string content, int block, List<Domain.Scenario> scenarios, List<AcceptanceCriteriaError> errors)
    {
        var (text, addedLines) = WithFeatureLine(content);
        GherkinDocument document;
        try
        {
            document = new Parser().Parse(new StringReader(text));
        }
        catch (CompositeParserException exception)
        {
            errors.AddRange(exception.Errors.Select(error => ToError(block, error, addedLines)));
            return;
        }
        catch (ParserException exception)
        {
            errors.Add(ToError(block, exception, addedLines));
            return;
        }

        var feature = document.Feature;
        var definitions = feature?.Children.Where(child => child is not Background).ToList() ?? [];
        if (definitions.Count == 0)
        {
            errors.Add(new AcceptanceCriteriaError { Block = block, Line = 0, Message = NoScenarioMessage });
            return;
        }

        var background = feature!.Children.OfType<Background>().FirstOrDefault();
        var featureName = feature.Name?.Trim() ?? "";
        scenarios.AddRange(definitions.Select(definition => GherkinRenderer.ToScenario(featureName, background, definition)));
    }

    /// <summary>Adds a nameless <c>Feature:</c> line when the block starts with a scenario or background.</summary>
    private static (string Text, int AddedLines) WithFeatureLine(string content)
    {
        foreach (var rawLine in content.Split('\n'))
        {
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('@') || (line.StartsWith('#') && !IsLanguageLine(line)))
            {
                continue;
            }

            var headerless = HeaderlessStarts.Any(start => line.StartsWith(start, StringComparison.Ordinal));
            return headerless ? ("Feature:\n" + content, 1) : (content, 0);
        }

        return (content, 0);
    }

    private static bool IsLanguageLine(string line) => LanguageLine().IsMatch(line);

    private static AcceptanceCriteriaError ToError(int block, ParserException exception, int addedLines)
    {
        var line = exception.Location is { Line: > 0 } location ? Math.Max(location.Line - addedLines, 1) : 0;
        var message = LocationPrefix().Replace(exception.Message, "").ReplaceLineEndings(" ").Trim();
        return new AcceptanceCriteriaError { Block = block, Line = line, Message = message };
    }

    [GeneratedRegex(@"^#\s*language\s*:", RegexOptions.IgnoreCase)]
    private static partial Regex LanguageLine();

    [GeneratedRegex(@"^\(\d+:\d+\):\s*")]
    private static partial Regex LocationPrefix();
}
