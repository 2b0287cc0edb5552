using System.Globalization;
using Squad.Core;
using Squad.Core.Domain;
using YamlDotNet.Core;

namespace Squad.Local.Tracking;

/// <summary>Reads one issue file: YAML front matter, then the Markdown description.</summary>
internal static class IssueFileParser
{
    public static ParsedIssueFile Parse(string path, string text)
    {
        var document = FrontMatterDocument.Parse(text) ?? throw MissingFrontMatter(path, text);
        var model = Deserialize(path, document.Yaml);
        return new ParsedIssueFile { Path = path, Document = document, Model = model, Issue = ToIssue(path, model, document.Body) };
    }

    /// <summary>Reads the front matter YAML; the YAML starts on line 2 of the file.</summary>
    public static IssueFileModel Deserialize(string path, string yaml)
    {
        try
        {
            return LocalYaml.Deserialize<IssueFileModel>(yaml)
                ?? throw Invalid($"'{path}' has empty front matter: add 'identifier:' and 'title:' between the '---' lines");
        }
        catch (YamlException exception)
        {
            throw Invalid(
                $"'{path}' has malformed front matter, {LocalYaml.Describe(exception, yaml, lineOffset: 1)}: fix the YAML", exception);
        }
    }

    private static Issue ToIssue(string path, IssueFileModel model, string body)
    {
        var identifier = Required(path, "identifier", model.Identifier, "CALC-1");
        var title = Required(path, "title", model.Title, "Add two numbers");
        var state = string.IsNullOrWhiteSpace(model.State) ? IssueStates.Default : model.State.Trim();
        if (!IssueStates.TryParse(state, out var stateType))
        {
            throw Invalid($"'{path}' has state '{state}': use one of {IssueStates.Accepted}");
        }

        var blockedBy = Values(model.BlockedBy);
        if (blockedBy.Contains(identifier, StringComparer.OrdinalIgnoreCase))
        {
            throw Invalid($"'{path}' lists its own identifier '{identifier}' in blocked_by: remove it");
        }

        return new Issue
        {
            Identifier = identifier,
            Title = title,
            Description = body.ReplaceLineEndings("\n").TrimStart('\n').TrimEnd(),
            State = state,
            StateType = stateType,
            Labels = Values(model.Labels),
            Priority = Priority(path, model.Priority),
            Estimate = Estimate(path, model.Estimate),
            BlockedBy = blockedBy,
            BranchName = string.IsNullOrWhiteSpace(model.Branch) ? null : model.Branch.Trim(),
            Url = new Uri(path).AbsoluteUri,
        };
    }

    private static string Required(string path, string key, string? value, string example) =>
        string.IsNullOrWhiteSpace(value)
            ? throw Invalid($"'{path}' has no '{key}' in its front matter: add '{key}: {example}'")
            : value.Trim();

    private static List<string> Values(List<string>? values) =>
        values?.Where(value => !string.IsNullOrWhiteSpace(value)).Select(value => value.Trim()).ToList() ?? [];

    private static int Priority(string path, int? priority) => priority switch
    {
        null => 0,
        >= 0 and <= 4 => priority.Value,
        _ => throw Invalid(string.Create(
            CultureInfo.InvariantCulture, $"'{path}' has priority {priority}: use 0 (none), 1 (urgent) to 4 (low)")),
    };

    private static double? Estimate(string path, double? estimate) => estimate switch
    {
        null => null,
        >= 0 => estimate,
        _ => throw Invalid(string.Create(
            CultureInfo.InvariantCulture, $"'{path}' has estimate {estimate}: use a number of points, 0 or more")),
    };

    private static SquadException MissingFrontMatter(string path, string text) => FrontMatterDocument.HasOpening(text)
        ? Invalid($"'{path}' has front matter with no closing '---' line: add it after the last key")
        : Invalid($"'{path}' has no front matter: start the file with a '---' line, the keys (identifier, title, state, ...) and a closing '---' line");

    private static SquadException Invalid(string message) => new(SquadErrorCode.InvalidInput, message);

    private static SquadException Invalid(string message, Exception inner) => new(SquadErrorCode.InvalidInput, message, inner);
}
