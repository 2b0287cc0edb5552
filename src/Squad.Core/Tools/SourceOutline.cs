using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Squad.Core.Tools;

/// <summary>
/// The lines of a source file that declare its types and functions, found by a simple regular-expression scan per
/// language (C#, Java, Python, TypeScript and JavaScript, Go, Rust): a map of a large file before its first lines.
/// </summary>
internal static partial class SourceOutline
{
    public const int MaxEntries = 150;

    private const int MaxLineCharacters = 160;

    public static string Render(string path, IReadOnlyList<string> lines)
    {
        if (PatternFor(Path.GetExtension(path).ToLowerInvariant()) is not { } pattern)
        {
            return "";
        }

        var entries = new List<int>();
        for (var i = 0; i < lines.Count && entries.Count <= MaxEntries; i++)
        {
            if (lines[i].Length <= 1000 && pattern.IsMatch(lines[i]))
            {
                entries.Add(i + 1);
            }
        }

        if (entries.Count == 0)
        {
            return "";
        }

        var outline = new StringBuilder($"[outline of {path}: {Math.Min(entries.Count, MaxEntries)} declarations{(entries.Count > MaxEntries ? ", more left out" : "")}]\n");
        foreach (var n in entries.Take(MaxEntries))
        {
            outline.Append(n.ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append('\t').Append(CappedOutput.Cap(lines[n - 1].TrimEnd(), MaxLineCharacters)).Append('\n');
        }

        return outline.Append("[file starts]\n").ToString();
    }

    private static Regex? PatternFor(string extension) => extension switch
    {
        ".cs" or ".java" or ".kt" => CLikeDeclaration(),
        ".py" => PythonDeclaration(),
        ".ts" or ".tsx" or ".js" or ".jsx" or ".mjs" or ".cjs" => ScriptDeclaration(),
        ".go" => GoDeclaration(),
        ".rs" => RustDeclaration(),
        _ => null,
    };

    [GeneratedRegex(@"^\s*(?:\[[^\]]*\]\s*)*(?:(?:public|private|protected|internal|static|sealed|abstract|partial|async|override|virtual|readonly|unsafe|extern|new|file|required|final|open|data)\s+)*(?:(?:class|record|struct|interface|enum|namespace|fun|object)\b\s*\w+|(?!(?:return|await|throw|else|yield|using|case|goto|lock|if|while|for|foreach|switch|catch|when|in|is|as|not|and|or|var|new)\b)[\w<>\[\],.?]+(?:\s*<[^>]*>)?\s+\w+\s*(?:<[^>]*>)?\s*\((?![^)]*;\s*$))", RegexOptions.None, 100)]
    private static partial Regex CLikeDeclaration();

    [GeneratedRegex(@"^\s*(?:async\s+)?(?:def|class)\s+\w+", RegexOptions.None, 100)]
    private static partial Regex PythonDeclaration();

    [GeneratedRegex(@"^\s*(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:(?:async\s+)?function\*?\s*\w*|class\s+\w+|interface\s+\w+|type\s+\w+\s*=|enum\s+\w+|namespace\s+\w+|(?:const|let)\s+\w+\s*=\s*(?:async\s*)?(?:\([^)]*\)|\w+)\s*=>)", RegexOptions.None, 100)]
    private static partial Regex ScriptDeclaration();

    [GeneratedRegex(@"^(?:func|type)\s", RegexOptions.None, 100)]
    private static partial Regex GoDeclaration();

    [GeneratedRegex(@"^\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?(?:fn|struct|enum|trait|impl|mod)\b", RegexOptions.None, 100)]
    private static partial Regex RustDeclaration();
}
