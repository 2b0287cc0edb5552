using Squad.Core.Configuration;
using Squad.Core.Domain;
using Squad.Core.Tools;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Squad.Core.Agents;

/// <summary>The role definitions of <c>agents/*.yaml</c> with their prompts, validated at start-up.</summary>
public sealed class AgentCatalog
{
    private static readonly string[] KnownPlaceholders = ["role", "tools", "commands"];
    internal static readonly string[] Keys = ["name", "display_name", "prompt", "model", "read_only", "max_turns", "max_nudges", "warn_turns_left", "tools", "commit_checks", "identity"];
    internal static readonly string[] IdentityKeys = ["name", "email", "login"];
    private readonly Dictionary<string, AgentDefinition> agents;

    private AgentCatalog(Dictionary<string, AgentDefinition> agents) => this.agents = agents;

    public IReadOnlyCollection<AgentDefinition> All => agents.Values;

    public AgentDefinition this[Role role] => agents[role.ToName()];

    public AgentDefinition? Find(string name) => agents.GetValueOrDefault(name);

    /// <summary>Loads every <c>*.yaml</c> of <paramref name="agentsDirectory"/>; prompts come from <paramref name="promptsDirectory"/>.</summary>
    /// <exception cref="SquadException">A definition is malformed, names an unknown tool, or a prompt is missing.</exception>
    public static AgentCatalog Load(string agentsDirectory, string promptsDirectory)
    {
        if (!Directory.Exists(agentsDirectory))
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration, $"agents folder '{agentsDirectory}' does not exist: reinstall Squad or pass --agents DIR");
        }

        var agents = new Dictionary<string, AgentDefinition>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(agentsDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var definition = LoadOne(file, promptsDirectory);
            agents[definition.Name] = definition;
        }

        foreach (var role in Enum.GetValues<Role>())
        {
            if (!agents.ContainsKey(role.ToName()))
            {
                throw new SquadException(SquadErrorCode.InvalidConfiguration, $"{agentsDirectory}: no definition for role '{role.ToName()}': add {role.ToName()}.yaml");
            }
        }

        return new AgentCatalog(agents);
    }

    /// <summary>A copy with every role's model replaced, for <c>--model</c>.</summary>
    public AgentCatalog WithModel(string model)
        => new(agents.ToDictionary(a => a.Key, a => a.Value with { Model = model }, StringComparer.Ordinal));

    private static AgentDefinition LoadOne(string file, string promptsDirectory)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            root = stream.Documents.FirstOrDefault()?.RootNode switch
            {
                null or YamlScalarNode { Value: null or "" } => throw Invalid(file, "the file is empty: define the role (name, prompt, tools, identity) or delete the file"),
                YamlMappingNode mapping => mapping,
                _ => throw Invalid(file, "expected a mapping with name, prompt, tools, read_only, max_turns, model, identity"),
            };
        }
        catch (YamlException ex)
        {
            throw Invalid(file, $"line {ex.Start.Line}: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some malformed flow collections this way, without a position.
            throw Invalid(file, $"malformed YAML: {ex.Message}");
        }

        CheckKeys(root, Keys, file);
        var name = Required(root, "name", file);
        var readOnly = Optional(root, "read_only")?.ToLowerInvariant() switch
        {
            null or "false" or "no" => false,
            "true" or "yes" => true,
            var other => throw Invalid(file, $"'read_only' must be true or false, not '{other}'"),
        };
        var tools = Sequence(root, "tools") ?? throw Invalid(file, "'tools' must list the role's tools");
        ValidateTools(file, name, readOnly, tools);
        var promptFile = Required(root, "prompt", file);
        var prompt = ReadPrompt(file, promptsDirectory, promptFile);
        var maxTurns = int.TryParse(Optional(root, "max_turns") ?? "30", out var turns) && turns > 0
            ? turns
            : throw Invalid(file, "'max_turns' must be a positive number");
        var nudges = Count(root, "max_nudges", 2, file);
        var warn = Count(root, "warn_turns_left", 3, file);
        var identity = root.Children.TryGetValue(new YamlScalarNode("identity"), out var node) && node is YamlMappingNode map
            ? ReadIdentity(map, name, file)
            : throw Invalid(file, "'identity' must give the role's name and email");
        return new AgentDefinition
        {
            Name = name,
            DisplayName = Optional(root, "display_name") ?? name,
            Prompt = prompt,
            PromptFile = promptFile,
            Tools = tools,
            ReadOnly = readOnly,
            MaxTurns = maxTurns,
            MaxNudges = nudges,
            WarnTurnsLeft = warn,
            Model = Optional(root, "model") ?? "scripted",
            Identity = identity,
            CommitChecks = Sequence(root, "commit_checks"),
        };
    }

    private static void ValidateTools(string file, string name, bool readOnly, IReadOnlyList<string> tools)
    {
        foreach (var tool in tools)
        {
            if (!ToolNames.All.Contains(tool))
            {
                throw Invalid(file, $"unknown tool '{tool}' (known: {string.Join(", ", ToolNames.All)})");
            }

            if (readOnly && ToolNames.Writes.Contains(tool))
            {
                throw Invalid(file, $"read-only role '{name}' lists the write tool '{tool}': remove it");
            }
        }
    }

    private static string ReadPrompt(string file, string promptsDirectory, string promptFile)
    {
        var path = Path.Combine(promptsDirectory, promptFile);
        if (promptFile.Contains("..", StringComparison.Ordinal) || !File.Exists(path))
        {
            throw Invalid(file, $"prompt '{promptFile}' is not a file in {promptsDirectory}");
        }

        var text = File.ReadAllText(path);
        foreach (var placeholder in PromptTemplate.Placeholders(text))
        {
            if (!KnownPlaceholders.Contains(placeholder))
            {
                throw Invalid(path, $"unknown placeholder '{{{{{placeholder}}}}}' (known: {string.Join(", ", KnownPlaceholders)})");
            }
        }

        return text;
    }

    /// <summary>An unknown key is a typo until shown otherwise: a misspelt 'read_only' would silently make a role a writer.</summary>
    private static void CheckKeys(YamlMappingNode map, string[] known, string file)
    {
        if (map.Children.Keys.FirstOrDefault(k => k is not YamlScalarNode { Value: { } key } || !known.Contains(key, StringComparer.Ordinal)) is { } unknown)
        {
            throw Invalid(file, $"line {unknown.Start.Line}: {KeySuggestion.UnknownKey((unknown as YamlScalarNode)?.Value ?? unknown.ToString(), known)}");
        }
    }

    private static Identity ReadIdentity(YamlMappingNode map, string name, string file)
    {
        CheckKeys(map, IdentityKeys, file);
        return new Identity { Name = Required(map, "name", file), Email = Required(map, "email", file), Login = Optional(map, "login") ?? name };
    }

    private static int Count(YamlMappingNode map, string key, int fallback, string file)
        => Optional(map, key) is not { } text ? fallback
            : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
            : throw Invalid(file, $"'{key}' must be a number of 0 or more, not '{text}'");

    private static string Required(YamlMappingNode map, string key, string file)
        => Optional(map, key) is { Length: > 0 } value ? value : throw Invalid(file, $"'{key}' is required");

    private static string? Optional(YamlMappingNode map, string key)
        => map.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;

    private static List<string>? Sequence(YamlMappingNode map, string key)
        => map.Children.TryGetValue(new YamlScalarNode(key), out var node) && node is YamlSequenceNode sequence
            ? [.. sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")]
            : null;

    private static SquadException Invalid(string file, string detail)
        => new(SquadErrorCode.InvalidConfiguration, $"{file}: {detail}");
}
