namespace Squad.Quality.Agent;

/// <summary>One tool call of the pass so far and what the tool answered (null while unanswered).</summary>
internal sealed record ToolStep(string Tool, IReadOnlyDictionary<string, string> Arguments, string? Result)
{
    public string Argument(string name) => Arguments.TryGetValue(name, out var value) ? value : "";

    /// <summary>The tool refused or failed: Squad answers <c>error: …</c> or <c>refused: …</c>.</summary>
    public bool Failed => Result is null || Result.StartsWith("error:", StringComparison.Ordinal) || Result.StartsWith("refused:", StringComparison.Ordinal);

    /// <summary>The exit code a <c>run_command</c> or <c>shell</c> answer starts with (<c>test: exit 1</c>), or null.</summary>
    public int? ExitCode
    {
        get
        {
            var firstLine = (Result ?? "").Split('\n')[0];
            var at = firstLine.LastIndexOf(": exit ", StringComparison.Ordinal);
            return at >= 0 && int.TryParse(firstLine[(at + ": exit ".Length)..], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null;
        }
    }

    public bool IsCommand(string name) => Tool == "run_command" && Argument("name") == name;
}
