using System.Text;
using System.Text.RegularExpressions;
using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Core.Orchestration;

/// <summary>
/// The repository map of a briefing: every file in path order with the main symbols it declares (types, functions),
/// found by a regular-expression scan per language, within a budget of characters; past the budget, paths alone, and
/// past a second budget, a count. It replaces a bare list of the first paths, so an agent sees where things are before
/// it reads.
/// </summary>
internal static partial class CodeMap
{
    /// <summary>Characters of the map with symbols; about 2,500 tokens.</summary>
    public const int SymbolBudget = 10_000;

    /// <summary>Characters of the paths listed after the symbols' budget is spent.</summary>
    public const int PathBudget = 6_000;

    private const int MaxSymbolsPerFile = 12;
    private const int MaxFileBytes = 256 * 1024;

    private static readonly HashSet<string> Scanned = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".java", ".kt", ".py", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".go", ".rs",
    };

    public static async Task<string> RenderAsync(string root, int symbolBudget = SymbolBudget, int pathBudget = PathBudget, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        var files = RepositoryFiles.Enumerate(root).ToList();
        var listed = 0;
        foreach (var file in files)
        {
            // A file name is the agents' text too: one line, without what a person would not see.
            var line = UntrustedText.SingleLine(text.Length < symbolBudget ? await WithSymbolsAsync(root, file, cancellationToken) : file, 400);
            if (text.Length + line.Length > symbolBudget + pathBudget)
            {
                break;
            }

            text.AppendLine(line);
            listed++;
        }

        if (listed < files.Count)
        {
            text.AppendLine($"[{files.Count - listed} more files; use list_files]");
        }

        return text.ToString();
    }

    /// <summary>The names a file declares, in order, without repeats.</summary>
    internal static IReadOnlyList<string> Symbols(string path, IEnumerable<string> lines)
    {
        var pattern = DeclarationOf(Path.GetExtension(path));
        if (pattern is null)
        {
            return [];
        }

        var names = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length <= 400 && Name(pattern, line) is { } name && !names.Contains(name, StringComparer.Ordinal))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static async Task<string> WithSymbolsAsync(string root, string file, CancellationToken cancellationToken)
    {
        if (!Scanned.Contains(Path.GetExtension(file)))
        {
            return file;
        }

        try
        {
            // Read the way the file tools read: a regular file of the tree, never through a link an agent put there.
            var content = await SafeFiles.ReadAsync(root, file, MaxFileBytes, cancellationToken);
            var symbols = Symbols(file, System.Text.Encoding.UTF8.GetString(content.Bytes).Split('\n'));
            return symbols.Count == 0 ? file
                : $"{file}: {string.Join(", ", symbols.Take(MaxSymbolsPerFile))}{(symbols.Count > MaxSymbolsPerFile ? $" (+{symbols.Count - MaxSymbolsPerFile})" : "")}";
        }
        catch (Exception ex) when (ex is ToolException or IOException or UnauthorizedAccessException)
        {
            return file;
        }
    }

    private static string? Name(Regex pattern, string line)
    {
        try
        {
            var match = pattern.Match(line);
            return match.Success ? match.Groups["name"].Value : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static Regex? DeclarationOf(string extension) => extension.ToLowerInvariant() switch
    {
        ".cs" or ".java" or ".kt" => CLikeName(),
        ".py" => PythonName(),
        ".ts" or ".tsx" or ".js" or ".jsx" or ".mjs" or ".cjs" => ScriptName(),
        ".go" => GoName(),
        ".rs" => RustName(),
        _ => null,
    };

    // Types at any depth; members only when declared public (or protected/internal): the map is for finding one's way.
    [GeneratedRegex(@"^\s*(?:\[[^\]]*\]\s*)*(?:(?:public|private|protected|internal|static|sealed|abstract|partial|readonly|file|data|open|final)\s+)*(?:class|record|struct|interface|enum|object)\s+(?<name>\w+)|^\s*(?:public|protected|internal)\s+(?:(?:static|override|virtual|abstract|async|sealed|new|extern|unsafe|readonly|required|final)\s+)*(?!class\b|record\b|struct\b|interface\b|enum\b)[\w<>\[\],.?]+(?:\s*<[^>]*>)?\s+(?<name>\w+)\s*(?:<[^>]*>)?\s*\(", RegexOptions.None, 100)]
    private static partial Regex CLikeName();

    [GeneratedRegex(@"^(?:async\s+)?(?:def|class)\s+(?<name>\w+)|^    (?:async\s+)?def\s+(?<name>[a-zA-Z]\w*)", RegexOptions.None, 100)]
    private static partial Regex PythonName();

    [GeneratedRegex(@"^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?(?:async\s+)?(?:class|interface|function\*?|enum|type)\s+(?<name>\w+)|^\s*(?:export\s+)(?:const|let)\s+(?<name>\w+)", RegexOptions.None, 100)]
    private static partial Regex ScriptName();

    [GeneratedRegex(@"^func\s+(?:\([^)]*\)\s*)?(?<name>\w+)|^type\s+(?<name>\w+)", RegexOptions.None, 100)]
    private static partial Regex GoName();

    [GeneratedRegex(@"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:fn|struct|enum|trait|mod|type)\s+(?<name>\w+)", RegexOptions.None, 100)]
    private static partial Regex RustName();
}
