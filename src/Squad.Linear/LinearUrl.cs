using System.Text.RegularExpressions;
using Squad.Core;

namespace Squad.Linear;

/// <summary>
/// A Linear URL a person pasted, parsed into what Squad looks up: a milestone id, a project slug id with a
/// milestone name, or an issue identifier.
/// </summary>
public sealed partial record LinearUrl
{
    /// <summary>The forms Squad accepts, for error messages.</summary>
    public const string AcceptedForms =
        "paste a milestone URL (https://linear.app/<workspace>/project/<project>-<id>/overview#milestone-<uuid>), " +
        "a project URL (https://linear.app/<workspace>/project/<project>-<id>) with --milestone <name>, " +
        "or an issue URL (https://linear.app/<workspace>/issue/ENG-123/<title>)";

    private const string MilestonePrefix = "milestone-";

    public required LinearReferenceKind Kind { get; init; }

    /// <summary>The workspace's URL key (<c>acme</c> in <c>https://linear.app/acme/…</c>).</summary>
    public required string Workspace { get; init; }

    /// <summary>The project's slug id (the text after the last <c>-</c> of the project segment), for project URLs.</summary>
    public string? ProjectSlugId { get; init; }

    /// <summary>The milestone's id (a UUID, lower case), for milestone URLs.</summary>
    public string? MilestoneId { get; init; }

    /// <summary>The milestone's name, for a project URL with <c>--milestone</c>.</summary>
    public string? MilestoneName { get; init; }

    /// <summary>The issue's identifier (<c>ENG-123</c>, upper case), for issue URLs.</summary>
    public string? IssueIdentifier { get; init; }

    /// <summary>Whether <paramref name="text"/> looks like a Linear URL at all (so a caller can choose the tracker).</summary>
    public static bool IsLinearUrl(string? text) =>
        Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri) && IsLinearHost(uri);

    /// <summary>Parses a pasted URL; <paramref name="milestoneName"/> goes with a project URL, and only with one.</summary>
    /// <exception cref="SquadException">With <see cref="SquadErrorCode.InvalidInput"/>: any other URL or combination.</exception>
    public static LinearUrl Parse(string text, string? milestoneName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var url = ParseUrl(text.Trim());
        var name = string.IsNullOrWhiteSpace(milestoneName) ? null : milestoneName.Trim();
        return (url.Kind, name) switch
        {
            (LinearReferenceKind.ProjectMilestone, null) => throw Invalid(
                "a Linear project URL needs the milestone's name: add --milestone <name>, or paste the milestone's own URL"),
            (LinearReferenceKind.ProjectMilestone, _) => url with { MilestoneName = name },
            (_, not null) => throw Invalid(
                "--milestone goes with a Linear project URL only: drop it, or paste the project's URL"),
            _ => url,
        };
    }

    /// <summary>Parses a pasted project URL, as a sweep names its project (a <see cref="LinearReferenceKind.ProjectMilestone"/> without a name).</summary>
    /// <exception cref="SquadException">With <see cref="SquadErrorCode.InvalidInput"/>: any other URL.</exception>
    public static LinearUrl ParseProject(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var url = ParseUrl(text.Trim());
        return url.Kind == LinearReferenceKind.ProjectMilestone
            ? url
            : throw Invalid("a sweep's project must be a Linear project URL (https://linear.app/<workspace>/project/<project>-<id>): list a milestone or an issue under 'milestones' instead");
    }

    private static LinearUrl ParseUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || !IsLinearHost(uri) || uri.Scheme != Uri.UriSchemeHttps)
        {
            throw Invalid($"not a Linear URL: {AcceptedForms}");
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        var fragment = uri.Fragment.TrimStart('#');
        return segments switch
        {
            [var workspace, "issue", var identifier, ..] when segments.Length <= 4 => IssueUrl(workspace, identifier),
            [var workspace, "project", var project, ..] when segments.Length <= 4 => ProjectUrl(workspace, project, fragment),
            _ => throw Invalid($"this Linear URL is not a milestone, project or issue URL: {AcceptedForms}"),
        };
    }

    /// <summary>A reference to the issue <paramref name="identifier"/> (<c>ENG-123</c>), as typed after <c>/squad fix</c>.</summary>
    /// <exception cref="SquadException">With <see cref="SquadErrorCode.InvalidInput"/>: not an identifier like ENG-123.</exception>
    public static LinearUrl ForIssue(string identifier) => IssueUrl("", identifier?.Trim() ?? "");

    /// <summary>Whether <paramref name="text"/> is an issue identifier like <c>ENG-123</c>.</summary>
    public static bool IsIssueIdentifier(string? text) => text is not null && IssueIdentifierPattern().IsMatch(text.Trim());

    private static LinearUrl IssueUrl(string workspace, string identifier)
    {
        if (!IssueIdentifierPattern().IsMatch(identifier))
        {
            throw Invalid($"'{identifier}' is not a Linear issue identifier like ENG-123: {AcceptedForms}");
        }

        return new LinearUrl
        {
            Kind = LinearReferenceKind.Issue,
            Workspace = workspace,
            IssueIdentifier = identifier.ToUpperInvariant(),
        };
    }

    private static LinearUrl ProjectUrl(string workspace, string project, string fragment)
    {
        var slugId = project[(project.LastIndexOf('-') + 1)..];
        if (!SlugIdPattern().IsMatch(slugId))
        {
            throw Invalid($"the project part of this Linear URL has no project id after its last '-': {AcceptedForms}");
        }

        var url = new LinearUrl { Kind = LinearReferenceKind.ProjectMilestone, Workspace = workspace, ProjectSlugId = slugId };
        if (!fragment.StartsWith(MilestonePrefix, StringComparison.Ordinal))
        {
            return url;
        }

        var milestone = fragment[MilestonePrefix.Length..];
        return Guid.TryParseExact(milestone, "D", out var id)
            ? url with { Kind = LinearReferenceKind.Milestone, MilestoneId = id.ToString("D") }
            : throw Invalid($"'#milestone-{milestone}' does not end with a milestone id (a UUID): {AcceptedForms}");
    }

    private static bool IsLinearHost(Uri uri) => uri.Host.Equals("linear.app", StringComparison.OrdinalIgnoreCase);

    private static SquadException Invalid(string message) => new(SquadErrorCode.InvalidInput, message);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*-[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex IssueIdentifierPattern();

    [GeneratedRegex("^[A-Za-z0-9]{6,}$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugIdPattern();
}
