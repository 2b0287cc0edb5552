using System.Collections.Concurrent;
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

    /// <summary>How many characters of files the declarations kept by text may hold; past it they are dropped at once.</summary>
    private const long MaxKeptCharacters = 16L * 1024 * 1024;

    /// <summary>
    /// The declaring lines' numbers by the pattern and the file's text: squads read the same files again and again, and
    /// the scan is the costly part of read_file. Keyed by the whole text (compared in full on a hit), so a file reads as
    /// itself whoever wrote it.
    /// </summary>
    private static readonly ConcurrentDictionary<(Regex Pattern, string Text), int[]> Kept = new();

    private static long keptCharacters;

    /// <param name="path">The file's path: its extension names the language.</param>
    /// <param name="text">The file's text, of which <paramref name="lines"/> are the lines.</param>
    /// <param name="lines">The file's lines.</param>
    public static string Render(string path, string text, IReadOnlyList<string> lines)
    {
        if (PatternFor(Path.GetExtension(path).ToLowerInvariant()) is not { } pattern)
        {
            return "";
        }

        if (!Kept.TryGetValue((pattern, text), out var entries))
        {
            entries = Declarations(pattern, lines);
            if (Interlocked.Add(ref keptCharacters, text.Length) > MaxKeptCharacters)
            {
                Kept.Clear();
                Interlocked.Exchange(ref keptCharacters, text.Length);
            }

            Kept.TryAdd((pattern, text), entries);
        }

        if (entries.Length == 0)
        {
            return "";
        }

        var outline = new StringBuilder($"[outline of {path}: {Math.Min(entries.Length, MaxEntries)} declarations{(entries.Length > MaxEntries ? ", more left out" : "")}]\n");
        foreach (var n in entries.Take(MaxEntries))
        {
            outline.Append(n.ToString(CultureInfo.InvariantCulture).PadLeft(6)).Append('\t').Append(CappedOutput.Cap(lines[n - 1].TrimEnd(), MaxLineCharacters)).Append('\n');
        }

        return outline.Append("[file starts]\n").ToString();
    }

    /// <summary>The numbers (from 1) of the lines <paramref name="pattern"/> matches, one more than shown at most.</summary>
    private static int[] Declarations(Regex pattern, IReadOnlyList<string> lines)
    {
        var entries = new List<int>();
        for (var i = 0; i < lines.Count && entries.Count <= MaxEntries; i++)
        {
            if (lines[i].Length <= 1000 && pattern.IsMatch(lines[i]))
            {
                entries.Add(i + 1);
            }
        }

        return [.. entries];
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
