using Squad.Core;

namespace Squad.Models.Scripted;

/// <summary>
/// A loaded and validated script of prepared responses (see <c>samples/scripted-model.md</c>):
/// issues, then roles, then passes, then turns.
/// </summary>
public sealed class ScriptedScript
{
    private readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<ScriptedPass>>> _issues;

    internal ScriptedScript(
        string path,
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<ScriptedPass>>> issues)
    {
        Path = path;
        _issues = issues;
    }

    /// <summary>The path the script was loaded from, as given.</summary>
    public string Path { get; }

    /// <summary>The file name of the script, without its folder.</summary>
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The identifiers of the issues the script has responses for.</summary>
    public IReadOnlyCollection<string> IssueIdentifiers => [.. _issues.Keys];

    /// <summary>Reads and validates a script; a missing, unreadable or malformed file is <see cref="SquadErrorCode.InvalidInput"/>.</summary>
    public static ScriptedScript Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string yaml;
        try
        {
            yaml = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"scripted model file not found: {path}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"cannot read scripted model file {path}: {ex.Message}", ex);
        }

        using var reader = new StringReader(yaml);
        return new ScriptedScript(path, new ScriptedScriptParser(path).Parse(reader));
    }

    /// <summary>The turns of one pass, or null when the script has no such issue, role or pass.</summary>
    internal IReadOnlyList<ScriptedTurn>? FindTurns(string issueIdentifier, string role, int pass)
    {
        if (!_issues.TryGetValue(issueIdentifier, out var roles) || !roles.TryGetValue(role, out var passes))
        {
            return null;
        }

        return pass >= 1 && pass <= passes.Count ? passes[pass - 1].Turns : null;
    }
}
