using Squad.Core;
using Squad.Server;
using YamlDotNet.RepresentationModel;

namespace Squad.Cli;

/// <summary>
/// The <c>slack</c> mapping of the data directory's <c>squad.yml</c>, for what belongs with an installation rather
/// than a command line: <c>mode: socket</c> (or <c>http</c>, the default) chooses how <c>squad serve</c> hears Slack.
/// </summary>
internal sealed record SlackConfig
{
    public SlackConnectionMode? Mode { get; init; }

    /// <summary>Nothing when the file does not exist or has no <c>slack</c> mapping.</summary>
    /// <exception cref="SquadException">The file is not YAML, or its <c>slack</c> mapping is malformed.</exception>
    public static SlackConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            return new SlackConfig();
        }

        if (!SquadYaml.Read(path).Children.TryGetValue(new YamlScalarNode("slack"), out var node))
        {
            return new SlackConfig();
        }

        if (node is not YamlMappingNode slack)
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration, $"{path}: slack must be a mapping, like 'slack: {{ mode: socket }}'");
        }

        SquadYaml.CheckKeys(path, slack, ["mode"], "slack");
        return new SlackConfig { Mode = slack.Children.TryGetValue(new YamlScalarNode("mode"), out var mode) ? ReadMode(path, mode) : null };
    }

    /// <summary><c>http</c>, <c>socket</c> or <c>off</c>, in any case; null for anything else.</summary>
    public static SlackConnectionMode? ParseMode(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "http" => SlackConnectionMode.Http,
        "socket" => SlackConnectionMode.Socket,
        "off" => SlackConnectionMode.Off,
        _ => null,
    };

    private static SlackConnectionMode ReadMode(string path, YamlNode node)
        => ParseMode((node as YamlScalarNode)?.Value)
           ?? throw new SquadException(SquadErrorCode.InvalidConfiguration, $"{path}: slack.mode must be http, socket or off, not '{node}'");
}
