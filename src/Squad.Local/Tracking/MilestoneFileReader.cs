using Squad.Core;
using YamlDotNet.Core;

namespace Squad.Local.Tracking;

/// <summary>Reads <c>milestone.yml</c>: the milestone's name, its repository and where its content comes from.</summary>
internal static class MilestoneFileReader
{
    public const string FileName = "milestone.yml";
    private const string Usage = "pass a folder holding milestone.yml and one .md file per issue";

    public static LocalMilestoneInfo Read(string folder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder));
        if (!Directory.Exists(full))
        {
            throw Invalid($"milestone folder '{folder}' does not exist: {Usage}");
        }

        var path = Path.Combine(full, FileName);
        if (!File.Exists(path))
        {
            throw Invalid($"'{path}' does not exist: {Usage}; it names the milestone ('name: ...') and its repository ('repository: ...')");
        }

        var model = Deserialize(path, File.ReadAllText(path));
        if (string.IsNullOrWhiteSpace(model.Repository))
        {
            throw Invalid($"'{path}' has no 'repository': add 'repository: <the repository's name in the code host>'");
        }

        return new LocalMilestoneInfo
        {
            Folder = full,
            Name = string.IsNullOrWhiteSpace(model.Name) ? Path.GetFileName(full) : model.Name.Trim(),
            Repository = model.Repository.Trim(),
            Source = Source(path, full, model.Source),
            DefaultBranch = string.IsNullOrWhiteSpace(model.DefaultBranch) ? "main" : model.DefaultBranch.Trim(),
        };
    }

    private static MilestoneFileModel Deserialize(string path, string yaml)
    {
        try
        {
            return LocalYaml.Deserialize<MilestoneFileModel>(yaml)
                ?? throw Invalid($"'{path}' is empty: add 'name: ...' and 'repository: ...'");
        }
        catch (YamlException exception)
        {
            var where = LocalYaml.Describe(exception, yaml, lineOffset: 0);
            throw new SquadException(SquadErrorCode.InvalidInput, $"'{path}' is malformed, {where}: fix the YAML", exception);
        }
    }

    private static string? Source(string path, string folder, string? source)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            return null;
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(folder, source.Trim())));
        return Directory.Exists(full)
            ? full
            : throw Invalid($"'{path}' names source '{source.Trim()}', but '{full}' does not exist: fix the path (relative to the milestone folder) or remove 'source'");
    }

    private static SquadException Invalid(string message) => new(SquadErrorCode.InvalidInput, message);
}
