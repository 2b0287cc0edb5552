using System.Text.RegularExpressions;
using Squad.Core.Domain;

namespace Squad.GitHub;

/// <summary>
/// The machine-readable first line of a verdict posted as a COMMENT review by the orchestrator's token on a
/// reviewer's behalf: <c>&lt;!-- squad-verdict: LOGIN approve SHA --&gt;</c>.
/// </summary>
internal static partial class VerdictMarker
{
    public static string Format(string login, Verdict verdict, string sha) => $"<!-- squad-verdict: {login} {Name(verdict)} {sha} -->";

    public static string Prepend(string login, Verdict verdict, string sha, string body) => Format(login, verdict, sha) + "\n\n" + body;

    public static bool TryParse(string? body, out string login, out Verdict verdict, out string sha, out string rest)
    {
        (login, verdict, sha, rest) = ("", Verdict.Comment, "", body ?? "");
        var match = Pattern().Match(body ?? "");
        if (!match.Success || !TryVerdict(match.Groups["verdict"].Value, out verdict))
        {
            return false;
        }

        login = match.Groups["login"].Value;
        sha = match.Groups["sha"].Value;
        rest = (body ?? "")[match.Length..].TrimStart('\r', '\n');
        return true;
    }

    private static string Name(Verdict verdict) => verdict switch
    {
        Verdict.Approve => "approve",
        Verdict.RequestChanges => "request-changes",
        _ => "comment",
    };

    private static bool TryVerdict(string name, out Verdict verdict)
    {
        verdict = name switch
        {
            "approve" => Verdict.Approve,
            "request-changes" => Verdict.RequestChanges,
            _ => Verdict.Comment,
        };
        return name is "approve" or "request-changes" or "comment";
    }

    [GeneratedRegex(@"\A<!-- squad-verdict: (?<login>[A-Za-z0-9][A-Za-z0-9._\[\]-]*) (?<verdict>[a-z-]+) (?<sha>[0-9a-f]{40,64}) -->")]
    private static partial Regex Pattern();
}
