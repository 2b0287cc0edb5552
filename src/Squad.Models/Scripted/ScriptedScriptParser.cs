using Squad.Core;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Squad.Models.Scripted;

/// <summary>Turns the YAML of a script into records, rejecting anything the format does not allow with the file and line.</summary>
internal sealed class ScriptedScriptParser(string path)
{
    private static readonly string[] s_roles = ["developer", "qa", "code-reviewer", "qa-specialist", "diagnostician"];

    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<ScriptedPass>>> Parse(TextReader reader)
    {
        var root = ExpectMapping(LoadDocument(reader), "the top level must be a mapping with 'issues'");
        CheckKeys(root, "at the top level", "issues");
        if (Child(root, "issues") is not { } issuesNode)
        {
            throw Error(root, "missing 'issues' at the top level");
        }

        var issues = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<ScriptedPass>>>(StringComparer.Ordinal);
        foreach (var (key, value) in ExpectMapping(issuesNode, "'issues' must map issue identifiers to roles").Children)
        {
            var issue = KeyName(key, "an issue identifier");
            issues[issue] = ParseIssue(issue, value);
        }

        return issues;
    }

    private YamlNode LoadDocument(TextReader reader)
    {
        var scanner = new Scanner(reader);
        var stream = new YamlStream();
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException ex)
        {
            throw Error(ex.Start.Line, $"invalid YAML: {OneLine(ex.Message)}", ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this, without a position, on some unterminated flow collections.
            throw Error(scanner.CurrentPosition.Line, "invalid YAML: unterminated or malformed flow collection", ex);
        }

        return stream.Documents.Count switch
        {
            0 => throw Error(1, "the file is empty; expected a mapping with 'issues'"),
            1 => stream.Documents[0].RootNode,
            _ => throw Error(stream.Documents[1].RootNode, "expected one YAML document, found several"),
        };
    }

    private Dictionary<string, IReadOnlyList<ScriptedPass>> ParseIssue(string issue, YamlNode node)
    {
        var roles = new Dictionary<string, IReadOnlyList<ScriptedPass>>(StringComparer.Ordinal);
        foreach (var (key, value) in ExpectMapping(node, $"issue {issue} must map role names to passes").Children)
        {
            var role = KeyName(key, "a role name");
            if (!s_roles.Contains(role, StringComparer.Ordinal))
            {
                throw Error(key, $"unknown role '{role}' under issue {issue}; expected one of {string.Join(", ", s_roles)}");
            }

            var passes = ExpectSequence(value, $"{issue} {role} must be a list of passes").Children;
            roles[role] = [.. passes.Select((pass, index) => ParsePass(pass, $"{issue} {role} pass {index + 1}"))];
        }

        return roles;
    }

    private ScriptedPass ParsePass(YamlNode node, string where)
    {
        var turns = ExpectSequence(node, $"{where} must be a list of turns").Children;
        if (turns.Count == 0)
        {
            throw Error(node, $"{where} has no turns");
        }

        return new ScriptedPass { Turns = [.. turns.Select((turn, index) => ParseTurn(turn, $"{where} turn {index + 1}"))] };
    }

    private ScriptedTurn ParseTurn(YamlNode node, string where)
    {
        var turn = ExpectMapping(node, $"{where} must be a mapping with 'text' and/or 'calls'");
        CheckKeys(turn, $"in {where}", "text", "calls");
        string? text = null;
        if (Child(turn, "text") is { } textNode && !IsNull(textNode))
        {
            text = ExpectScalar(textNode, $"'text' of {where} must be a string");
        }

        IReadOnlyList<ScriptedCall> calls = [];
        if (Child(turn, "calls") is { } callsNode && !IsNull(callsNode))
        {
            var entries = ExpectSequence(callsNode, $"'calls' of {where} must be a list").Children;
            calls = [.. entries.Select((call, index) => ParseCall(call, $"{where} call {index + 1}"))];
        }

        if (string.IsNullOrEmpty(text) && calls.Count == 0)
        {
            throw Error(node, $"{where} has neither 'text' nor 'calls'");
        }

        return new ScriptedTurn { Text = string.IsNullOrEmpty(text) ? null : text, Calls = calls, Line = node.Start.Line };
    }

    private ScriptedCall ParseCall(YamlNode node, string where)
    {
        var call = ExpectMapping(node, $"{where} must be a mapping with 'tool' and 'args'");
        CheckKeys(call, $"in {where}", "tool", "args");
        if (Child(call, "tool") is not { } toolNode || IsNull(toolNode))
        {
            throw Error(node, $"{where} has no 'tool'");
        }

        var tool = ExpectScalar(toolNode, $"'tool' of {where} must be a tool name");
        var arguments = YamlJsonConverter.EmptyObject;
        if (Child(call, "args") is { } argsNode && !IsNull(argsNode))
        {
            var args = ExpectMapping(argsNode, $"'args' of {where} must be a mapping of argument names to values");
            arguments = YamlJsonConverter.ToJsonElement(args, (at, what) => Error(at, $"in 'args' of {where}: {what}"));
        }

        return new ScriptedCall { Tool = tool, Arguments = arguments, Line = node.Start.Line };
    }

    private void CheckKeys(YamlMappingNode mapping, string where, params string[] allowed)
    {
        foreach (var key in mapping.Children.Keys)
        {
            var name = KeyName(key, "a key");
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key, $"unknown key '{name}' {where}; expected {string.Join(" or ", allowed.Select(a => $"'{a}'"))}");
            }
        }
    }

    private string KeyName(YamlNode key, string what)
    {
        var name = key is YamlScalarNode scalar ? scalar.Value : null;
        return string.IsNullOrWhiteSpace(name) ? throw Error(key, $"expected {what}") : name;
    }

    private YamlMappingNode ExpectMapping(YamlNode node, string what) =>
        node as YamlMappingNode ?? throw Error(node, what);

    private YamlSequenceNode ExpectSequence(YamlNode node, string what) =>
        node as YamlSequenceNode ?? throw Error(node, what);

    private string ExpectScalar(YamlNode node, string what) =>
        (node as YamlScalarNode)?.Value ?? throw Error(node, what);

    // Keys are matched by their text, whatever their quoting (YamlScalarNode equality also compares tags).
    private static YamlNode? Child(YamlMappingNode mapping, string key) =>
        mapping.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode { Value: var name } && name == key).Value;

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain } scalar && YamlJsonConverter.IsNullLiteral(scalar.Value);

    private static string OneLine(string message) =>
        string.Join(' ', message.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    private SquadException Error(YamlNode node, string what) => Error(node.Start.Line, what);

    private SquadException Error(long line, string what, Exception? inner = null)
    {
        var message = $"{path}, line {line}: {what}";
        return inner is null
            ? new SquadException(SquadErrorCode.InvalidInput, message)
            : new SquadException(SquadErrorCode.InvalidInput, message, inner);
    }
}
