using System.Text;
using System.Text.Json;
using Squad.Core;
using Squad.Core.Configuration;

namespace Squad.Cli;

/// <summary>
/// <c>squad init [path]</c>: proposes a <c>.squad.yml</c> for the repository's stack and writes it when there is none.
/// It never overwrites one; an unknown stack gets a template that declares no merge guardrails, so pull requests wait
/// for a person until someone says what a merge must pass.
/// </summary>
internal static class RepositoryInit
{
    private const string Header = """
        # Squad configuration, proposed by `squad init`. Commands run with /bin/sh -c at the repository root, in a
        # scrubbed environment: setup once per squad (with network) before any agent writes, after_write after each
        # file an agent writes, before_commit before each commit, merge on the exact head before it merges.

        """;

    /// <returns>0 when written; 2 when a <c>.squad.yml</c> already exists (the proposal is printed all the same).</returns>
    /// <exception cref="SquadException">The path is not a folder.</exception>
    public static int Run(string path, TextWriter output, TextWriter error)
    {
        var root = Path.GetFullPath(path);
        if (!Directory.Exists(root))
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"'{root}' is not a folder: pass the repository's folder to squad init");
        }

        var (stack, yaml) = Propose(root);
        output.Write(yaml);
        var file = Path.Combine(root, RepositoryConfig.FileName);
        if (File.Exists(file))
        {
            error.WriteLine($"error: {file} already exists, and squad init never overwrites it: compare it with the proposal above");
            return (int)SquadErrorCode.InvalidInput;
        }

        File.WriteAllText(file, yaml);
        error.WriteLine(stack is null
            ? $"wrote {file}: no .NET, Python, Node, Go or Rust project found, so it is a template to fill in; it declares no merge guardrails, so every pull request waits for a person until guardrails.merge is set"
            : $"wrote {file} for {stack}: review the commands, then commit it");
        return 0;
    }

    /// <summary>The detected stack (null when none is known) and the proposed file's text.</summary>
    public static (string? Stack, string Yaml) Propose(string root)
    {
        if (IsDotNet(root))
        {
            return (".NET", Proposal(
                [("restore", "dotnet restore"), ("format", "dotnet format whitespace --folder"), ("lint", "dotnet format whitespace --folder --verify-no-changes"), ("test", "dotnet test --nologo -v q -m:1")],
                setup: "restore", afterWrite: "format", checks: "lint, test"));
        }

        if (File.Exists(Path.Combine(root, "pyproject.toml")) || File.Exists(Path.Combine(root, "requirements.txt")))
        {
            var install = File.Exists(Path.Combine(root, "requirements.txt")) ? "pip install -r requirements.txt" : "pip install -e .";
            return ("Python", Proposal([("install", install), ("test", "python -m pytest -q")], setup: "install", afterWrite: null, checks: "test"));
        }

        if (File.Exists(Path.Combine(root, "package.json")))
        {
            var lint = HasNpmScript(Path.Combine(root, "package.json"), "lint");
            return ("Node", Proposal(
                [("install", "npm ci"), .. lint ? [("lint", "npm run lint")] : Array.Empty<(string, string)>(), ("test", "npm test")],
                setup: "install", afterWrite: null, checks: lint ? "lint, test" : "test"));
        }

        if (File.Exists(Path.Combine(root, "go.mod")))
        {
            return ("Go", Proposal(
                [("download", "go mod download"), ("format", "gofmt -w ."), ("lint", "test -z \"$(gofmt -l .)\""), ("test", "go test ./...")],
                setup: "download", afterWrite: "format", checks: "lint, test"));
        }

        if (File.Exists(Path.Combine(root, "Cargo.toml")))
        {
            return ("Rust", Proposal([("fetch", "cargo fetch"), ("test", "cargo test")], setup: "fetch", afterWrite: null, checks: "test"));
        }

        return (null, Template);
    }

    private static string Proposal((string Name, string Line)[] commands, string setup, string? afterWrite, string checks)
    {
        var text = new StringBuilder(Header).Append("commands:\n");
        foreach (var (name, line) in commands)
        {
            text.Append("  ").Append(name).Append(": ").Append(Quote(line)).Append('\n');
        }

        text.Append("setup: [").Append(setup).Append("]\n").Append("guardrails:\n");
        if (afterWrite is not null)
        {
            text.Append("  after_write: [").Append(afterWrite).Append("]\n");
        }

        return text
            .Append("  before_commit: [").Append(checks).Append("]\n")
            .Append("  merge: [").Append(checks).Append("]\n")
            .Append("protected_paths: [\".github/workflows/**\", \".squad.yml\"]   # a pull request touching these goes to a person\n")
            .Append("max_diff_lines: 1500\n")
            .Append("max_diff_bytes: 1048576\n")
            .ToString();
    }

    /// <summary>YAML reads '#', ':' and quotes specially; such command lines go in single quotes.</summary>
    private static string Quote(string line)
        => line.IndexOfAny(['#', ':', '"', '\'', '{', '[', '*', '&', '!', '|', '>', '%', '@', '`']) < 0 ? line : $"'{line.Replace("'", "''", StringComparison.Ordinal)}'";

    private const string Template = Header + """
        # No .NET, Python, Node, Go or Rust project was found: name the commands squads run, for example
        #   commands:
        #     setup: make deps
        #     lint: make lint
        #     test: make test
        commands: {}
        # Then which command guards which step:
        #   setup: [setup]
        #   guardrails:
        #     before_commit: [lint, test]
        #     merge: [lint, test]          # or merge: [] to merge on reviews alone
        # guardrails.merge is deliberately not declared: until it is, every pull request waits for a person.
        guardrails: {}
        protected_paths: [".github/workflows/**", ".squad.yml"]   # a pull request touching these goes to a person

        """;

    private static bool IsDotNet(string root)
        => Directory.EnumerateFiles(root, "*.sln*").Any()
            || Directory.EnumerateFiles(root, "*.csproj", new EnumerationOptions { RecurseSubdirectories = true, MaxRecursionDepth = 3, IgnoreInaccessible = true }).Any();

    private static bool HasNpmScript(string packageJson, string script)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(packageJson));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("scripts", out var scripts)
                && scripts.ValueKind == JsonValueKind.Object
                && scripts.TryGetProperty(script, out _);
        }
        catch (JsonException)
        {
            // A package.json npm cannot read either: propose no lint, npm will say what is wrong with it.
            return false;
        }
    }
}
