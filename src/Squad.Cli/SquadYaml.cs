using Squad.Core;
using Squad.Core.Configuration;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Squad.Cli;

/// <summary>
/// The shape of <c>squad.yml</c> shared by its readers (<see cref="RepositoryMap"/>, <see cref="SweepConfiguration"/>,
/// <see cref="SlackConfig"/>): each reads its own section, and every one of them refuses an empty file or a top-level
/// key none of them reads, so a misspelt section is an error rather than a setting that silently does nothing.
/// </summary>
internal static class SquadYaml
{
    internal static readonly string[] Sections = ["repositories", "sweeps", "slack"];

    /// <summary>The file's top-level mapping.</summary>
    /// <exception cref="SquadException">The file is not YAML, is empty, is not a mapping or has an unknown section.</exception>
    public static YamlMappingNode Read(string path)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (YamlException ex)
        {
            throw Invalid(path, $"line {ex.Start.Line}: {ex.Message}");
        }

        var root = stream.Documents.FirstOrDefault()?.RootNode switch
        {
            null or YamlScalarNode { Value: null or "" } => throw Invalid(path,
                "the file is empty: declare repositories, sweeps or slack, or delete it"),
            YamlMappingNode mapping => mapping,
            var other => throw Invalid(path, $"line {other.Start.Line}: expected a mapping of {string.Join(", ", Sections)}"),
        };
        CheckKeys(path, root, Sections);
        return root;
    }

    /// <exception cref="SquadException">A key of <paramref name="map"/> is not one of <paramref name="known"/>; the message suggests the closest.</exception>
    public static void CheckKeys(string path, YamlMappingNode map, IReadOnlyCollection<string> known, string? where = null)
    {
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !known.Contains(name, StringComparer.Ordinal))
            {
                var unknown = KeySuggestion.UnknownKey((key as YamlScalarNode)?.Value ?? key.ToString(), known);
                throw Invalid(path, $"line {key.Start.Line}: {(where is null ? unknown : $"{where}: {unknown}")}");
            }
        }
    }

    private static SquadException Invalid(string path, string detail)
        => new(SquadErrorCode.InvalidConfiguration, $"{path}: {detail}");
}
