using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Squad.Core.Configuration;

/// <summary>Reads and validates <c>.squad.yml</c>. A repository without one gets no guardrails but the default protected paths.</summary>
public static class RepositoryConfigLoader
{
    public static RepositoryConfig Load(string repositoryRoot)
    {
        var path = Path.Combine(repositoryRoot, RepositoryConfig.FileName);
        if (!File.Exists(path))
        {
            return new RepositoryConfig();
        }

        return ParseFile(File.ReadAllText(path), path);
    }

    /// <summary>Parses the text of a <c>.squad.yml</c>, with YAML errors reported as configuration errors naming <paramref name="sourceName"/>.</summary>
    public static RepositoryConfig ParseFile(string yaml, string sourceName)
    {
        var path = sourceName;
        try
        {
            return Parse(yaml, path);
        }
        catch (YamlException ex)
        {
            throw Invalid(path, $"line {ex.Start.Line}: {ex.Message}");
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet reports some malformed flow collections this way, without a position.
            throw Invalid(path, $"malformed YAML: {ex.Message}");
        }
    }

    public static RepositoryConfig Parse(string yaml, string sourceName)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new RepositoryConfig();
        }

        var commands = Map(root, "commands", sourceName);
        var guardrails = root.Children.TryGetValue(new YamlScalarNode("guardrails"), out var g) ? g as YamlMappingNode : null;
        var config = new RepositoryConfig
        {
            Commands = commands,
            AfterWrite = List(guardrails, "after_write"),
            BeforeCommit = List(guardrails, "before_commit"),
            Merge = List(guardrails, "merge"),
            ProtectedPaths = root.Children.ContainsKey(new YamlScalarNode("protected_paths"))
                ? List(root, "protected_paths")
                : RepositoryConfig.DefaultProtectedPaths,
            MaxDiffLines = Scalar(root, "max_diff_lines") is { } max && int.TryParse(max, out var lines) ? lines : 1500,
            MaxDiffBytes = Scalar(root, "max_diff_bytes") is { } maxBytes && long.TryParse(maxBytes, out var bytes) ? bytes : 1024 * 1024,
            Setup = List(root, "setup"),
            MergeGuardrailsDeclared = guardrails?.Children.ContainsKey(new YamlScalarNode("merge")) == true,
        };
        foreach (var name in config.AfterWrite.Concat(config.BeforeCommit).Concat(config.Merge).Concat(config.Setup))
        {
            if (!commands.ContainsKey(name))
            {
                throw Invalid(sourceName, $"guardrails name the command '{name}', which is not under commands: add it or remove it from guardrails");
            }
        }

        return config;
    }

    private static Dictionary<string, string> Map(YamlMappingNode root, string key, string sourceName)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!root.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return result;
        }

        if (node is not YamlMappingNode map)
        {
            throw Invalid(sourceName, $"'{key}' must map names to command lines");
        }

        foreach (var (name, value) in map.Children)
        {
            result[((YamlScalarNode)name).Value ?? ""] = (value as YamlScalarNode)?.Value
                ?? throw Invalid(sourceName, $"command '{name}' must be one command line");
        }

        return result;
    }

    private static List<string> List(YamlMappingNode? parent, string key)
    {
        if (parent is null || !parent.Children.TryGetValue(new YamlScalarNode(key), out var node))
        {
            return [];
        }

        return node switch
        {
            YamlSequenceNode sequence => [.. sequence.Children.OfType<YamlScalarNode>().Select(s => s.Value ?? "")],
            YamlScalarNode scalar when !string.IsNullOrEmpty(scalar.Value) => [scalar.Value],
            _ => [],
        };
    }

    private static string? Scalar(YamlMappingNode root, string key)
        => root.Children.TryGetValue(new YamlScalarNode(key), out var node) ? (node as YamlScalarNode)?.Value : null;

    private static SquadException Invalid(string path, string detail)
        => new(SquadErrorCode.InvalidConfiguration, $"{path}: {detail}");
}
