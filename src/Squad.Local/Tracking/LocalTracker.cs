using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;
using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Tracking;

namespace Squad.Local.Tracking;

/// <summary>
/// The embedded issue tracker: a milestone is a folder holding <c>milestone.yml</c> and one Markdown
/// file per issue, with YAML front matter. Writes go back into those files, one writer per file at a time.
/// </summary>
public sealed partial class LocalTracker(TimeProvider timeProvider) : IIssueTracker, IIssueCreator
{
    // Milestone folder to (identifier to issue file): writes find the file of an issue here.
    private readonly ConcurrentDictionary<string, IReadOnlyDictionary<string, string>> loaded = new(StringComparer.Ordinal);

    /// <summary>Reads <c>milestone.yml</c> of a milestone folder, for the CLI to import the repository.</summary>
    /// <exception cref="SquadException">The folder or the file is missing or malformed.</exception>
    public static LocalMilestoneInfo ReadMilestoneFile(string folder) => MilestoneFileReader.Read(folder);

    /// <summary>Loads the milestone in the folder <paramref name="reference"/>; its key is the full folder path.</summary>
    public async Task<Milestone> LoadMilestoneAsync(string reference, CancellationToken cancellationToken = default)
    {
        var result = await MilestoneFolderReader.LoadAsync(reference, cancellationToken);
        loaded[result.Milestone.Key] = result.Files;
        return result.Milestone;
    }

    /// <summary>
    /// Loads the issues of the milestone folder <paramref name="reference"/> that pass <paramref name="filter"/>. As in
    /// Linear, a blocker already done or canceled no longer holds an issue back, so it leaves <see cref="Issue.BlockedBy"/>.
    /// </summary>
    public async Task<Milestone> LoadProjectAsync(string reference, IssueFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var milestone = await LoadMilestoneAsync(reference, cancellationToken);
        var done = milestone.Issues
            .Where(i => i.StateType is IssueStateType.Completed or IssueStateType.Canceled)
            .Select(i => i.Identifier)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return milestone with
        {
            Issues = [.. milestone.Issues.Where(filter.Matches).Select(i => i with { BlockedBy = [.. i.BlockedBy.Where(b => !done.Contains(b))] })],
        };
    }

    public Task MoveAsync(string issueIdentifier, IssueStateType stateType, CancellationToken cancellationToken = default) =>
        EditAsync(issueIdentifier, file => IssueStates.TryParse(file.Issue.State, out var current) && current == stateType
            ? null
            : ("state", IssueStates.NameOf(stateType)), cancellationToken);

    public Task SetLabelAsync(string issueIdentifier, string label, bool present, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        return EditAsync(issueIdentifier, file =>
        {
            var labels = file.Issue.Labels.ToList();
            var has = labels.Contains(label, StringComparer.OrdinalIgnoreCase);
            if (has == present)
            {
                return null;
            }

            var updated = present ? [.. labels, label] : labels.Where(l => !l.Equals(label, StringComparison.OrdinalIgnoreCase)).ToList();
            return ("labels", updated);
        }, cancellationToken);
    }

    public Task LinkPullRequestAsync(string issueIdentifier, string url, string title, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        ArgumentNullException.ThrowIfNull(title);
        return EditAsync(issueIdentifier, file =>
        {
            var links = file.Model.Links?.Where(link => link is not null).ToList() ?? [];
            if (links.Any(link => string.Equals(link.Url, url, StringComparison.Ordinal)))
            {
                return null;
            }

            links.Add(new IssueLinkModel { Title = title, Url = url });
            return ("links", links);
        }, cancellationToken);
    }

    public async Task CommentAsync(string issueIdentifier, string body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var issuePath = FileOf(issueIdentifier);
        var path = MilestoneFolderReader.CommentsPath(issuePath);
        var stamp = timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var entry = $"---\n\n{stamp}\n\n{body.ReplaceLineEndings("\n").Trim('\n').TrimEnd()}\n\n";
        await FileLocks.RunAsync(path, async () =>
        {
            var text = File.Exists(path) ? entry : $"# Comments on {issueIdentifier}\n\n{entry}";
            await File.AppendAllTextAsync(path, text, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Writes <c>&lt;identifier&gt;.md</c> into the milestone folder, whole and atomically, over whatever a killed run left:
    /// the file is a function of the draft, so writing it again files nothing twice.
    /// </summary>
    public async Task<string> CreateIssueAsync(Milestone milestone, IssueDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(milestone);
        ArgumentNullException.ThrowIfNull(draft);
        if (!SafeName().IsMatch(draft.Identifier) || !draft.Labels.All(SafeName().IsMatch) || !Directory.Exists(milestone.Key))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"cannot file issue '{draft.Identifier}' in '{milestone.Key}': the identifier and labels must be letters, digits, '-' and ':' and the milestone a local folder");
        }

        var title = draft.Title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("\n", " ", StringComparison.Ordinal).Replace("\r", " ", StringComparison.Ordinal);
        var text = $"---\nidentifier: {draft.Identifier}\ntitle: \"{title}\"\nstate: todo\nlabels: [{string.Join(", ", draft.Labels)}]\n---\n{draft.Body}\n";
        var path = Path.Combine(milestone.Key, draft.Identifier + ".md");
        await FileLocks.RunAsync(path, () => TextFile.WriteAtomicAsync(path, text, hasBom: false, cancellationToken), cancellationToken);
        return draft.Identifier;
    }

    /// <summary>The comments in <c>&lt;issue&gt;.comments.md</c> beside the issue file, oldest first; none when it does not exist.</summary>
    public async Task<IReadOnlyList<string>> ListCommentsAsync(string issueIdentifier, CancellationToken cancellationToken = default)
    {
        var path = MilestoneFolderReader.CommentsPath(FileOf(issueIdentifier));
        string text = "";
        await FileLocks.RunAsync(path, async () =>
        {
            text = File.Exists(path) ? (await File.ReadAllTextAsync(path, cancellationToken)).ReplaceLineEndings("\n") : "";
        }, cancellationToken);
        var starts = CommentHeader().Matches(text);
        return [.. starts.Select((m, i) => text[(m.Index + m.Length)..(i + 1 < starts.Count ? starts[i + 1].Index : text.Length)].TrimEnd('\n'))];
    }

    /// <summary>Re-reads the issue file under its lock, asks for the new value of one key, and writes it back atomically.</summary>
    private async Task EditAsync(
        string issueIdentifier, Func<ParsedIssueFile, (string Key, object Value)?> change, CancellationToken cancellationToken)
    {
        var path = FileOf(issueIdentifier);
        await FileLocks.RunAsync(path, async () =>
        {
            var (text, hasBom) = await ReadIssueFileAsync(issueIdentifier, path, cancellationToken);
            var file = IssueFileParser.Parse(path, text);
            if (!file.Issue.Identifier.Equals(issueIdentifier, StringComparison.OrdinalIgnoreCase))
            {
                throw new SquadException(
                    SquadErrorCode.InvalidInput,
                    $"'{path}' now holds '{file.Issue.Identifier}', not '{issueIdentifier}': load the milestone again");
            }

            if (change(file) is not { } edit)
            {
                return;
            }

            var document = file.Document;
            var yaml = FrontMatterEditor.SetKey(document.Yaml, edit.Key, LocalYaml.Render(edit.Key, edit.Value), document.NewLine);
            IssueFileParser.Deserialize(path, yaml);
            await TextFile.WriteAtomicAsync(path, (document with { Yaml = yaml }).ToText(), hasBom, cancellationToken);
        }, cancellationToken);
    }

    private static async Task<(string Text, bool HasBom)> ReadIssueFileAsync(
        string issueIdentifier, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await TextFile.ReadAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SquadException(
                SquadErrorCode.InvalidInput,
                $"the file of issue '{issueIdentifier}', '{path}', no longer exists: restore it or load the milestone again",
                exception);
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9:-]*$")]
    private static partial Regex SafeName();

    // Each comment starts with a rule and its time, as CommentAsync writes it.
    [GeneratedRegex(@"^---\n\n\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z\n\n", RegexOptions.Multiline)]
    private static partial Regex CommentHeader();

    private string FileOf(string issueIdentifier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issueIdentifier);
        var paths = loaded.Values
            .Select(files => files.TryGetValue(issueIdentifier, out var path) ? path : null)
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return paths.Count switch
        {
            1 => paths[0],
            0 => throw new SquadException(
                SquadErrorCode.InvalidInput,
                $"issue '{issueIdentifier}' is not in a loaded milestone: load its milestone folder before writing to it"),
            _ => throw new SquadException(
                SquadErrorCode.InvalidInput,
                $"issue '{issueIdentifier}' is in several loaded milestones ('{string.Join("', '", paths)}'): give issues of milestones run together distinct identifiers"),
        };
    }
}
