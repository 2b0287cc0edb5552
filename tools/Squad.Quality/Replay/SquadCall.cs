namespace Squad.Quality.Replay;

/// <summary>One call of one of Squad's agent tools, with its arguments as the model would send them.</summary>
internal sealed record SquadCall(string Tool, IReadOnlyDictionary<string, string> Arguments)
{
    public override string ToString()
        => Tool + (Arguments.Count == 0 ? "" : " " + string.Join(' ', Arguments.Select(a => $"{a.Key}={Shorten(a.Value)}")));

    private static string Shorten(string value)
    {
        var line = value.ReplaceLineEndings("⏎");
        return line.Length <= 40 ? line : line[..40] + "…";
    }
}
