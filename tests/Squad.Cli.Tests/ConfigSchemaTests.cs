using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Squad.Core.Agents;
using Squad.Core.Configuration;
using Squad.Core.Git;
using Squad.Testing;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Squad.Cli.Tests;

/// <summary>
/// The JSON Schemas `squad schema` prints for editors: they name exactly the keys Squad's strict readers accept, and
/// Ajv (the validator editors' YAML servers embed) accepts the shipped files and refuses what Squad refuses.
/// </summary>
public sealed class ConfigSchemaTests
{
    [SchemaFact]
    public void Schemas_NameExactlyTheKeysTheReadersAccept()
    {
        var repository = Schema(".squad.yml");
        Assert.Equal(Sorted(RepositoryConfigLoader.TopLevelKeys), Keys(repository["properties"]));
        Assert.Equal(Sorted(RepositoryConfigLoader.GuardrailKeys), Keys(repository["properties"]!["guardrails"]!["properties"]));

        var agent = Schema("agent");
        Assert.Equal(Sorted(AgentCatalog.Keys), Keys(agent["properties"]));
        Assert.Equal(Sorted(AgentCatalog.IdentityKeys), Keys(agent["properties"]!["identity"]!["properties"]));

        var squad = Schema("squad.yml");
        Assert.Equal(Sorted(SquadYaml.Sections), Keys(squad["properties"]));
        Assert.Equal(Sorted(SweepConfiguration.Keys), Keys(squad["$defs"]!["sweep"]!["properties"]));
        Assert.Equal(["mode"], Keys(squad["properties"]!["slack"]!["properties"]));
    }

    [SchemaFact]
    public async Task Schemas_AcceptTheShippedFiles_AndRefuseWhatSquadRefuses()
    {
        var root = RepositoryRoot();
        var agents = Directory.GetFiles(Path.Combine(root, "agents"), "*.yaml").Select(f => (Path.GetFileName(f), Json(File.ReadAllText(f)))).ToList();
        Assert.NotEmpty(agents);
        await AssertValidAsync("agent", agents);
        await AssertValidAsync(".squad.yml", [(".squad.yml", Json(File.ReadAllText(Path.Combine(root, "samples", "checkout", "repo", ".squad.yml"))))]);
        await AssertValidAsync("squad.yml", [("squad.yml", Json("""
            repositories: { ENG: acme/checkout }
            slack: { mode: socket }
            sweeps:
              - name: nightly
                cron: "0 2 * * 1-5"
                time_zone: Europe/Paris
                milestones: [https://linear.app/acme/project/checkout-1/milestones]
                in_flight_after: 90m
                heal: true
              - name: bugs
                cron: "*/30 * * * *"
                project: https://linear.app/acme/project/checkout-1
                label: bug
            """))]);

        await AssertInvalidAsync(".squad.yml", "guardrail: { merge: [test] }", "must NOT have additional properties 'guardrail'");
        await AssertInvalidAsync(".squad.yml", "protected_paths: ['!docs/**']", "/protected_paths/0");
        await AssertInvalidAsync(".squad.yml", "max_diff_lines: 0", "/max_diff_lines");
        await AssertInvalidAsync("agent", "name: x\nprompt: x.md\ntools: []\nidentity: { name: X }", "must have required property 'email'");
        await AssertInvalidAsync("squad.yml", "sweeps: [{ name: n, cron: '* * * * *', milestones: [a], project: b }]", "/sweeps/0");
        await AssertInvalidAsync("squad.yml", "slack: { mode: websocket }", "/slack/mode");
    }

    [SchemaFact]
    public async Task SchemaCommand_PrintsTheSchema_AndRefusesAnUnknownKindInOneLine()
    {
        var printed = await CliResult.RunAsync("schema", ".squad.yml");
        var unknown = await CliResult.RunAsync("schema", "squad.yaml");

        Assert.Equal(0, printed.ExitCode);
        Assert.Equal(".squad.yml", JsonNode.Parse(printed.Output)!["title"]!.GetValue<string>());
        Assert.Equal(2, unknown.ExitCode);
        Assert.Equal(["error: no schema for 'squad.yaml': name one of squad.yml, .squad.yml, agent (agent is agents/*.yaml)"], unknown.ErrorLines);
    }

    private static JsonNode Schema(string kind) => JsonNode.Parse(ConfigSchemas.Read(kind))!;

    private static List<string> Keys(JsonNode? properties) => Sorted(properties!.AsObject().Select(p => p.Key));

    private static List<string> Sorted(IEnumerable<string> keys) => [.. keys.Order(StringComparer.Ordinal)];

    private static async Task AssertValidAsync(string kind, IReadOnlyList<(string Name, JsonNode? Document)> documents)
    {
        var (valid, report) = await ValidateAsync(kind, documents);
        Assert.True(valid, report);
    }

    private static async Task AssertInvalidAsync(string kind, string yaml, string expected)
    {
        var (valid, report) = await ValidateAsync(kind, [("doc", Json(yaml))]);
        Assert.False(valid, $"{kind} accepted: {yaml}");
        Assert.Contains(expected, report, StringComparison.Ordinal);
    }

    private static async Task<(bool Valid, string Report)> ValidateAsync(string kind, IReadOnlyList<(string Name, JsonNode? Document)> documents)
    {
        var script = Path.Combine(RepositoryRoot(), "tools", "contracts", "validate-schema.mjs");
        var input = new JsonObject
        {
            ["schema"] = Schema(kind),
            ["documents"] = new JsonArray([.. documents.Select(d => (JsonNode)new JsonObject { ["name"] = d.Name, ["document"] = d.Document })]),
        }.ToJsonString();
        try
        {
            var result = await ProcessRunner.RunAsync("node", [script], Path.GetDirectoryName(script)!, timeout: TimeSpan.FromMinutes(1), standardInput: input);
            Assert.DoesNotContain("Cannot find package", result.Combined, StringComparison.Ordinal);
            return (result.Succeeded, result.Combined.Trim());
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"node is not on PATH ({exception.Message}); install Node.js 20 or later and run: npm ci --prefix tools/contracts", exception);
        }
    }

    /// <summary>YAML to the JSON an editor's YAML server validates: plain scalars typed as YAML 1.2's core schema types them.</summary>
    private static JsonNode? Json(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return Convert(stream.Documents[0].RootNode);
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, Convert(c.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: "true" or "false" } b => JsonValue.Create(b.Value == "true"),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode { Style: ScalarStyle.Plain } n when long.TryParse(n.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => throw new InvalidOperationException($"unexpected YAML node {node.NodeType}"),
    };

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Squad.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Squad.sln was not found above {AppContext.BaseDirectory}; run the tests from the repository");
    }
}
