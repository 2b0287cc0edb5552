using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace Squad.Core.Verification;

/// <summary>
/// The cause of a red main as a short stable key: the failing command and the first lines of its output that say what
/// went wrong, with what changes from run to run (numbers, hashes, temporary paths, times) taken out. Two failures with
/// the same signature are the same failure, whatever commit or run they came from.
/// </summary>
public static partial class FailureSignature
{
    private const int ErrorLines = 3;

    public static string Compute(string command, string output)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.ReplaceLineEndings("\n").Split('\n').Select(Normalize).Where(l => l.Length > 0).ToList();
        var errors = lines.Where(l => ErrorWord().IsMatch(l)).Take(ErrorLines).ToList();
        var chosen = errors.Count > 0 ? errors : lines.Take(ErrorLines).ToList();
        var text = command + "\n" + string.Join("\n", chosen);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static string Normalize(string line)
    {
        var result = TempPath().Replace(line, "<path>");
        result = Hex().Replace(result, "<hex>");
        result = Digits().Replace(result, "0");
        return Whitespace().Replace(result, " ").Trim();
    }

    [GeneratedRegex(@"\b(error|fail(ed|ure)?|exception|panic|assert)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ErrorWord();

    [GeneratedRegex(@"(/tmp|/var/folders|/run/user)/\S*")]
    private static partial Regex TempPath();

    [GeneratedRegex(@"\b[0-9a-f]{7,64}\b")]
    private static partial Regex Hex();

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
