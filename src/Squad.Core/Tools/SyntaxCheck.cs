using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Squad.Core.Tools;

/// <summary>
/// The optional check (<c>check_syntax: true</c> in <c>.squad.yml</c>) that refuses a write breaking a file's syntax: C#
/// parsed by Roslyn in process (parsing runs none of the file's code), JSON by System.Text.Json, Python by
/// <c>ast.parse</c> in the sandbox, other C-like languages by <see cref="BracketBalance"/>. A file already broken before
/// the write is not held to it: only a write that breaks a file is refused.
/// </summary>
internal static class SyntaxCheck
{
    private const string PythonCheck = "python3 -c 'import ast,sys; ast.parse(open(sys.argv[1],\"rb\").read(), sys.argv[1])'";

    /// <summary>Null when the content passes (or no check applies); otherwise why it does not, in one line.</summary>
    public static string? InProcess(string path, string content) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".cs" => CSharp(content),
        ".json" => Json(content),
        ".ts" or ".tsx" or ".js" or ".jsx" or ".mjs" or ".cjs" or ".java" or ".kt" or ".c" or ".h" or ".cpp" or ".hpp" or ".go" or ".swift"
            => BracketBalance.Check(content, singleQuoteStrings: true),
        ".rs" => BracketBalance.Check(content, singleQuoteStrings: false),
        _ => null,
    };

    public static bool IsPython(string path) => string.Equals(Path.GetExtension(path), ".py", StringComparison.OrdinalIgnoreCase);

    /// <summary>Python's own parser on the file as written, in the sandbox; null when it parses.</summary>
    public static async Task<string?> PythonAsync(ToolContext context, string relativePath, CancellationToken cancellationToken)
    {
        var outcome = await context.Commands.RunShellAsync($"{PythonCheck} {ShellQuoting.Quote(relativePath)}", context.WorkspaceRoot, cancellationToken);
        if (outcome.Succeeded)
        {
            return null;
        }

        var lines = FileLines.Split(outcome.Output).Where(l => l.Trim().Length > 0).ToList();
        var reason = lines.LastOrDefault(l => l.Contains("Error", StringComparison.Ordinal)) ?? $"python3 exited {outcome.ExitCode}";
        var where = lines.LastOrDefault(l => l.TrimStart().StartsWith("File ", StringComparison.Ordinal))?.Trim();
        return where is null ? reason.Trim() : $"{reason.Trim()} ({where})";
    }

    private static string? CSharp(string content)
    {
        var tree = CSharpSyntaxTree.ParseText(content, new CSharpParseOptions(LanguageVersion.Preview));
        var error = tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error);
        if (error is null)
        {
            return null;
        }

        var line = error.Location.GetLineSpan().StartLinePosition;
        return $"line {line.Line + 1}, column {line.Character + 1}: {error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static string? Json(string content)
    {
        try
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return null;
        }
        catch (JsonException ex)
        {
            return $"line {(ex.LineNumber ?? 0) + 1}: {ex.Message.Split(" LineNumber", 2)[0]}";
        }
    }
}
