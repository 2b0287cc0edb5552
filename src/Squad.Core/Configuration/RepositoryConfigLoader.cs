using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Squad.Core.Configuration;

/// <summary>
/// Reads and validates <c>.squad.yml</c>, strictly: an unknown key, a value of the wrong type or an empty file is an
/// error naming the file and the line, because a misspelt guardrail would otherwise be a guardrail that never runs.
/// A repository without the file gets no guardrails but the default protected paths.
/// </summary>
public static class RepositoryConfigLoader
{
    internal static readonly string[] TopLevelKeys = ["commands", "setup", "guardrails", "protected_paths", "max_diff_lines", "max_diff_bytes", "verify", "check_syntax", "instructions"];
    internal static readonly string[] GuardrailKeys = ["after_write", "before_commit", "merge"];

    /// <exception cref="SquadException">The file exists and is not a valid <c>.squad.yml</c>.</exception>
    public static RepositoryConfig Load(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, RepositoryConfig.FileName);
        return File.Exists(path) ? Parse(File.ReadAllText(path), path) : new RepositoryConfig();
    }

    /// <param name="yaml">The file's text.</param>
    /// <param name="sourceName">How errors name the file (its path).</param>
    /// <exception cref="SquadException">The text is not a valid <c>.squad.yml</c> (<see cref="SquadErrorCode.InvalidConfiguration"/>).</exception>
    public static RepositoryConfig Parse(string yaml, string sourceName)
    {
        var root = ReadRoot(yaml, sourceName);
        CheckKeys(root, TopLevelKeys, sourceName);
        var commands = Commands(root, sourceName);
        var guardrails = Guardrails(root, sourceName);
        var config = new RepositoryConfig
        {
            Commands = commands,
            Setup = Names(root, "setup", sourceName) ?? [],
            AfterWrite = Names(guardrails, "after_write", sourceName) ?? [],
            BeforeCommit = Names(guardrails, "before_commit", sourceName) ?? [],
            Merge = Names(guardrails, "merge", sourceName) ?? [],
            MergeGuardrailsDeclared = guardrails?.Children.ContainsKey(new YamlScalarNode("merge")) == true,
            Verify = Names(root, "verify", sourceName),
            ProtectedPaths = ProtectedPaths(root, sourceName),
            MaxDiffLines = (int)(PositiveInteger(root, "max_diff_lines", int.MaxValue, sourceName) ?? 1500),
            MaxDiffBytes = PositiveInteger(root, "max_diff_bytes", long.MaxValue, sourceName) ?? RepositoryConfig.DefaultMaxDiffBytes,
            CheckSyntax = Boolean(root, "check_syntax", sourceName) ?? false,
            Instructions = Text(root, "instructions", sourceName),
        };
        CheckNamedCommands(config, root, guardrails, sourceName);
        return config;
    }

    private static YamlMappingNode ReadRoot(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw Invalid(sourceName, $"line {ex.Start.Line}: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some malformed flow collections this way, without a position.
            throw Invalid(sourceName, $"malformed YAML: {ex.Message}");
        }

        return stream.Documents.FirstOrDefault()?.RootNode switch
        {
            null or YamlScalarNode { Value: null or "" } => throw new SquadException(SquadErrorCode.InvalidConfiguration,
                $"{sourceName} is empty: declare commands and guardrails, or delete it; `squad init` proposes one"),
            YamlMappingNode mapping => mapping,
            var other => throw Invalid(sourceName, other, $"expected a mapping of {string.Join(", ", TopLevelKeys)}"),
        };
    }

    private static void CheckKeys(YamlMappingNode map, string[] known, string sourceName)
    {
        foreach (var key in map.Children.Keys)
        {
            if (key is not YamlScalarNode { Value: { } name } || !known.Contains(name, StringComparer.Ordinal))
            {
                throw Invalid(sourceName, key, KeySuggestion.UnknownKey((key as YamlScalarNode)?.Value ?? key.ToString(), known));
            }
        }
    }

    private static Dictionary<string, string> Commands(YamlMappingNode root, string sourceName)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.Children.TryGetValue(new YamlScalarNode("commands"), out var node))
        {
            return result;
        }

        if (node is not YamlMappingNode map)
        {
            throw Invalid(sourceName, node, "'commands' must map names to command lines, like 'test: dotnet test'");
        }

        foreach (var (name, value) in map.Children)
        {
            var commandName = (name as YamlScalarNode)?.Value ?? "";
            result[commandName] = value is YamlScalarNode { Value: { Length: > 0 } line }
                ? line
                : throw Invalid(sourceName, value, $"command '{commandName}' must be one command line");
        }

        return result;
    }

    private static YamlMappingNode? Guardrails(YamlMappingNode root, string sourceName)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode("guardrails"), out var node))
        {
            return null;
        }

        var guardrails = node as YamlMappingNode
            ?? throw Invalid(sourceName, node, "'guardrails' must be a mapping of after_write, before_commit and merge, each a list of command names");
        CheckKeys(guardrails, GuardrailKeys, sourceName);
        return guardrails;
    }

    /// <summary>A list of names or patterns; null when the key is absent.</summary>
    private static List<string>? Names(YamlMappingNode? parent, string key, string sourceName)
    {
        if (parent is null || !parent.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            throw Invalid(sourceName, node, $"'{key}' must be a list, like [lint, test] (or [] for none)");
        }

        return [.. sequence.Children.Select(item => item is YamlScalarNode { Value: { Length: > 0 } value }
            ? value
            : throw Invalid(sourceName, item, $"each item of '{key}' must be a name, not a list, a mapping or nothing"))];
    }

    private static List<string> ProtectedPaths(YamlMappingNode root, string sourceName)
    {
        if (Names(root, "protected_paths", sourceName) is not { } patterns)
        {
            return [.. RepositoryConfig.DefaultProtectedPaths];
        }

        // Patterns only add protection; a '!' would read as an exception to it, which there is none of.
        if (patterns.FirstOrDefault(p => p.StartsWith('!')) is { } negated)
        {
            throw Invalid(sourceName, root.Children[new YamlScalarNode("protected_paths")],
                $"protected path '{negated}' negates a pattern, which is not supported: patterns only protect, and {RepositoryConfig.FileName} is always protected");
        }

        return patterns;
    }

    private static long? PositiveInteger(YamlMappingNode root, string key, long maximum, string sourceName)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        return node is YamlScalarNode { Value: { } text }
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= maximum
            ? value
            : throw Invalid(sourceName, node, $"'{key}' must be a positive whole number, not '{(node as YamlScalarNode)?.Value ?? node.ToString()}'");
    }

    private static string? Text(YamlMappingNode root, string key, string sourceName)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        return node is YamlScalarNode { Value: { } text }
            ? text
            : throw Invalid(sourceName, node, $"'{key}' must be text (a block scalar like '{key}: |' for several lines)");
    }

    private static bool? Boolean(YamlMappingNode root, string key, string sourceName)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return null;
        }

        return node is YamlScalarNode { Value: "true" or "false" } scalar
            ? scalar.Value == "true"
            : throw Invalid(sourceName, node, $"'{key}' must be true or false, not '{(node as YamlScalarNode)?.Value ?? node.ToString()}'");
    }

    private static void CheckNamedCommands(RepositoryConfig config, YamlMappingNode root, YamlMappingNode? guardrails, string sourceName)
    {
        foreach (var name in config.Setup)
        {
            if (!config.Commands.ContainsKey(name))
            {
                throw Invalid(sourceName, root.Children[new YamlScalarNode("setup")],
                    $"setup names the command '{name}', which is not under commands: add it or remove it from setup");
            }
        }

        foreach (var name in config.Verify ?? [])
        {
            if (!config.Commands.ContainsKey(name))
            {
                throw Invalid(sourceName, root.Children[new YamlScalarNode("verify")],
                    $"verify names the command '{name}', which is not under commands: add it or remove it from verify");
            }
        }

        foreach (var name in config.AfterWrite.Concat(config.BeforeCommit).Concat(config.Merge))
        {
            if (!config.Commands.ContainsKey(name))
            {
                throw Invalid(sourceName, guardrails!,
                    $"guardrails name the command '{name}', which is not under commands: add it or remove it from guardrails");
            }
        }
    }

    private static SquadException Invalid(string sourceName, YamlNode node, string detail)
        => Invalid(sourceName, $"line {node.Start.Line}: {detail}");

    private static SquadException Invalid(string sourceName, string detail)
        => new(SquadErrorCode.InvalidConfiguration, $"{sourceName}: {detail}");
}
