using System.Reflection;
using Squad.Core;

namespace Squad.Cli;

/// <summary>
/// The JSON Schemas of Squad's configuration files, shipped in the binary for editors (YAML language servers read
/// JSON Schema): <c>squad schema .squad.yml &gt; squad-repository.schema.json</c>.
/// </summary>
internal static class ConfigSchemas
{
    /// <summary>Each file kind and its schema resource.</summary>
    public static readonly IReadOnlyDictionary<string, string> Kinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["squad.yml"] = "squad.schema.json",
        [".squad.yml"] = "repository.schema.json",
        ["agent"] = "agent.schema.json",
    };

    /// <exception cref="SquadException">The kind is not one of <see cref="Kinds"/> (<see cref="SquadErrorCode.InvalidInput"/>).</exception>
    public static string Read(string kind)
    {
        if (!Kinds.TryGetValue(kind, out var file))
        {
            throw new SquadException(SquadErrorCode.InvalidInput,
                $"no schema for '{kind}': name one of {string.Join(", ", Kinds.Keys)} (agent is agents/*.yaml)");
        }

        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"Squad.Cli.Schemas.{file}")
            ?? throw new InvalidOperationException($"the schema resource {file} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
