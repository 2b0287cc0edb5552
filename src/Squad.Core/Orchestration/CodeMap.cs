using System.Text;
using System.Text.RegularExpressions;
using Squad.Core.Git;
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
    private const int MaxLinesPerFile = 400;

    /// <summary>What git grep keeps: a line holding any keyword a declaration pattern below needs (a superset of them).</summary>
    private const string Prefilter = "(class|record|struct|interface|enum|object|def|function|func|fn|type|mod|trait|const|let|public|protected|internal)";

    private static readonly HashSet<string> Scanned = new(StringComparer.OrdinalIgnoreCase)
    {
        ".cs", ".java", ".kt", ".py", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".go", ".rs",
    };

    /// <summary>The map of the work tree at <paramref name="root"/>, read the way the file tools read.</summary>
    public static async Task<string> RenderAsync(string root, int symbolBudget = SymbolBudget, int pathBudget = PathBudget, CancellationToken cancellationToken = default)
    {
        var files = RepositoryFiles.Enumerate(root).ToList();
        var symbols = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var scanned = 0;
        foreach (var file in files)
        {
            if (scanned >= symbolBudget)
            {
                break;
            }

            var found = await SymbolsOfFileAsync(root, file, cancellationToken);
            symbols[file] = found;
            scanned += file.Length + 1 + found.Sum(s => s.Length + 2);
        }

        return Render(files, symbols, symbolBudget, pathBudget);
    }

    /// <summary>
    /// The map of <paramref name="commit"/>'s tree, read from git's objects in two git processes (a listing and one
    /// <c>git grep</c> for declarations), so every squad and role on the same base commit gets the same map: the
    /// same prompt prefix for a provider's cache, and one render per base instead of one per pass.
    /// </summary>
    /// <remarks>
    /// Only regular files are listed (mode 100644 or 100755): a link's target or a submodule is never read. The grep
    /// skips binary files and stops at <see cref="MaxLinesPerFile"/> matching lines a file.
    /// </remarks>
    public static async Task<string> RenderCommitAsync(GitCli git, string repository, string commit, int symbolBudget = SymbolBudget, int pathBudget = PathBudget, CancellationToken cancellationToken = default)
    {
        var listing = await git.RunAsync(repository, ["ls-tree", "-r", "-z", "--full-tree", commit], cancellationToken: cancellationToken);
        var files = new List<string>();
        foreach (var entry in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = entry.IndexOf('\t', StringComparison.Ordinal);
            if (tab < 0 || !(entry.StartsWith("100644 blob ", StringComparison.Ordinal) || entry.StartsWith("100755 blob ", StringComparison.Ordinal)))
            {
                continue;
            }

            var path = entry[(tab + 1)..];
            if (!path.Split('/').Any(RepositoryFiles.IsSkipped))
            {
                files.Add(path);
            }
        }

        files.Sort(StringComparer.Ordinal);

        // Only files the map can show with symbols are searched: each listed file takes at least its path's line, so
        // past the paths that fill the symbols' budget on their own no file gets symbols.
        var candidates = new List<string>();
        var length = 0;
        foreach (var file in files)
        {
            if (length >= symbolBudget)
            {
                break;
            }

            length += file.Length + 1;
            if (Scanned.Contains(Path.GetExtension(file)))
            {
                candidates.Add(":(literal)" + file);
            }
        }

        var lines = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var grep = candidates.Count == 0 ? null : await git.TryRunAsync(
            repository,
            ["grep", "-z", "-I", "--no-color", "--full-name", "--max-count", MaxLinesPerFile.ToString(System.Globalization.CultureInfo.InvariantCulture), "-E", "-e", Prefilter, commit, "--", .. candidates],
            cancellationToken: cancellationToken);
        // Records of <commit>:<path> NUL <line> LF; a path may hold a line feed, never a NUL.
        var output = grep?.StandardOutput ?? "";
        var prefix = commit + ":";
        var at = 0;
        while (at < output.Length && output.AsSpan(at).StartsWith(prefix, StringComparison.Ordinal))
        {
            var nul = output.IndexOf('\0', at);
            if (nul < 0)
            {
                break;
            }

            var end = output.IndexOf('\n', nul);
            end = end < 0 ? output.Length : end;
            var path = output[(at + prefix.Length)..nul];
            if (!lines.TryGetValue(path, out var list))
            {
                lines[path] = list = [];
            }

            list.Add(output[(nul + 1)..end]);
            at = end + 1;
        }

        var symbols = lines.ToDictionary(p => p.Key, p => Symbols(p.Key, p.Value), StringComparer.Ordinal);
        return Render(files, symbols, symbolBudget, pathBudget);
    }

    private static string Render(List<string> files, Dictionary<string, IReadOnlyList<string>> symbols, int symbolBudget, int pathBudget)
    {
        var text = new StringBuilder();
        var listed = 0;
        foreach (var file in files)
        {
            // A file name is the agents' text too: one line, without what a person would not see.
            var withSymbols = text.Length < symbolBudget && symbols.TryGetValue(file, out var names) && names.Count > 0
                ? $"{file}: {string.Join(", ", names.Take(MaxSymbolsPerFile))}{(names.Count > MaxSymbolsPerFile ? $" (+{names.Count - MaxSymbolsPerFile})" : "")}"
                : file;
            var line = UntrustedText.SingleLine(withSymbols, 400);
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

    private static async Task<IReadOnlyList<string>> SymbolsOfFileAsync(string root, string file, CancellationToken cancellationToken)
    {
        if (!Scanned.Contains(Path.GetExtension(file)))
        {
            return [];
        }

        try
        {
            // Read the way the file tools read: a regular file of the tree, never through a link an agent put there.
            var content = await SafeFiles.ReadAsync(root, file, MaxFileBytes, cancellationToken);
            return Symbols(file, System.Text.Encoding.UTF8.GetString(content.Bytes).Split('\n'));
        }
        catch (Exception ex) when (ex is ToolException or IOException or UnauthorizedAccessException)
        {
            return [];
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
