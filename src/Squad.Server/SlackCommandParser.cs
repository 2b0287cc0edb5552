namespace Squad.Server;

/// <summary>Reads the <c>text</c> of a <c>/squad</c> slash command.</summary>
internal static class SlackCommandParser
{
    public const string Usage = """
        Usage:
        • `/squad run <milestone URL or folder>`: run every refined issue of a milestone
        • `/squad status [run]`: the runs started here, or one of them
        • `/squad stop <run>`: stop a run (its squads stay resumable)
        • `/squad fix <issue>`: a bug-fix squad for one issue (ENG-123): a diagnosis first, then the fix
        • `/squad help`: this text
        """;

    public static SlackCommand Parse(string? text)
    {
        var words = (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 0)
        {
            return Problem("no command given");
        }

        var verb = words[0].ToLowerInvariant();
        var arguments = words[1..];
        return verb switch
        {
            "help" when arguments.Length == 0 => new SlackCommand { Kind = SlackCommandKind.Help },
            "status" when arguments.Length <= 1 => new SlackCommand { Kind = SlackCommandKind.Status, Argument = arguments.FirstOrDefault() },
            "run" or "stop" or "fix" => One(verb, arguments),
            "help" or "status" => Problem($"too many arguments for '{verb}'"),
            _ => Problem($"unknown command '{words[0]}'"),
        };
    }

    private static SlackCommand One(string verb, string[] arguments)
    {
        if (arguments.Length != 1)
        {
            return Problem($"'{verb}' takes exactly one argument");
        }

        var kind = verb switch
        {
            "run" => SlackCommandKind.Run,
            "stop" => SlackCommandKind.Stop,
            _ => SlackCommandKind.Fix,
        };

        // Slack wraps pasted links as <https://...> or <https://...|label>.
        var argument = arguments[0];
        if (argument is ['<', .., '>'])
        {
            argument = argument[1..^1].Split('|')[0];
        }

        return new SlackCommand { Kind = kind, Argument = argument };
    }

    private static SlackCommand Problem(string problem) => new() { Kind = SlackCommandKind.Usage, Problem = problem };
}
