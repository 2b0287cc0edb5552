using Squad.Core;
using YamlDotNet.RepresentationModel;

namespace Squad.Cli;

/// <summary>
/// Which code host repository a tracker's team or project works on: <c>--repository owner/name</c> for all,
/// or a <c>squad.yml</c> (<c>--config FILE</c>, default the data directory's) whose <c>repositories</c> map a
/// Linear team key or project name to <c>owner/name</c>.
/// </summary>
internal sealed class RepositoryMap(IReadOnlyDictionary<string, string> byKey, string? fallback)
{
    public string? Find(string teamKey, string projectName)
        => byKey.TryGetValue(projectName, out var byProject) ? byProject
            : byKey.TryGetValue(teamKey, out var byTeam) ? byTeam
            : fallback;

    public static RepositoryMap Load(string? configFile, string dataDirectory, string? repository)
    {
        var path = configFile is null ? Path.Combine(dataDirectory, "squad.yml") : Path.GetFullPath(configFile);
        if (configFile is not null && !File.Exists(path))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"config file '{path}' does not exist: pass an existing --config FILE");
        }

        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (File.Exists(path))
        {
            Read(path, map);
        }

        return new RepositoryMap(map, repository);
    }

    private static void Read(string path, Dictionary<string, string> map)
    {
        if (!SquadYaml.Read(path).Children.TryGetValue(new YamlScalarNode("repositories"), out var node))
        {
            return;
        }

        if (node is not YamlMappingNode repositories)
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                $"{path}: line {node.Start.Line}: 'repositories' must map Linear team keys or project names to owner/name, like 'ENG: acme/checkout'");
        }

        foreach (var (key, value) in repositories.Children)
        {
            map[((YamlScalarNode)key).Value ?? ""] = value is YamlScalarNode { Value: { Length: > 0 } repository }
                ? repository
                : throw new SquadException(SquadErrorCode.InvalidConfiguration, $"{path}: line {value.Start.Line}: repositories.{key} must be owner/name");
        }
    }
}
