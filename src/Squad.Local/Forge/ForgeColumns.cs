using System.Globalization;
using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Forge;

namespace Squad.Local.Forge;

/// <summary>How enum and time values are spelled in the forge store: stable words, not enum numbers, so the file reads plainly.</summary>
internal static class ForgeColumns
{
    public static string FormatTime(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    public static PullRequestState ToState(string text) => text switch
    {
        "open" => PullRequestState.Open,
        "merged" => PullRequestState.Merged,
        "closed" => PullRequestState.Closed,
        _ => throw Unknown("state", text),
    };

    public static string FromVerdict(Verdict verdict) => verdict switch
    {
        Verdict.Approve => "approve",
        Verdict.RequestChanges => "request_changes",
        Verdict.Comment => "comment",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "unknown verdict"),
    };

    public static Verdict ToVerdict(string text) => text switch
    {
        "approve" => Verdict.Approve,
        "request_changes" => Verdict.RequestChanges,
        "comment" => Verdict.Comment,
        _ => throw Unknown("verdict", text),
    };

    private static SquadException Unknown(string column, string text)
        => new(SquadErrorCode.Storage, $"the forge store holds an unknown {column} '{text}'; it was written by a newer Squad or edited by hand");
}
