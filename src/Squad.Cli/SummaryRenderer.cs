using Spectre.Console;

namespace Squad.Cli;

/// <summary>The milestone summary: one row per issue, readable at a glance.</summary>
internal static class SummaryRenderer
{
    public static void Render(IAnsiConsole console, StatusDocument document)
    {
        var run = document.Run;
        console.MarkupLine($"[bold]{Markup.Escape(run.Milestone)}[/] · run {Markup.Escape(run.Id)} · {Markup.Escape(run.Repository)} · model {Markup.Escape(run.Model)}");
        if (run.Scripted)
        {
            console.MarkupLine("[yellow]Scripted run: every response was prepared in advance; no AI model was called.[/]");
        }

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Issue", "Title", "Outcome", "PR", "Rounds", "Merge commit", "Why");
        foreach (var squad in document.Squads)
        {
            table.AddRow(
                Markup.Escape(squad.Issue),
                Markup.Escape(Shorten(squad.Title, 36)),
                Colored(squad.Outcome),
                squad.PullRequest is { } pr ? $"#{pr.Number}" : "-",
                squad.ReviewRounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                squad.MergeCommit is { Length: >= 12 } sha ? sha[..12] : "-",
                Markup.Escape(Shorten(squad.Reason ?? "", 60)));
        }

        console.Write(table);
        var counts = document.Squads.GroupBy(s => s.Outcome).Select(g => $"{g.Count()} {g.Key}");
        console.MarkupLine(Markup.Escape(string.Join(", ", counts)));
    }

    private static string Colored(string outcome) => outcome switch
    {
        "merged" => "[green]merged[/]",
        "skipped" => "[grey]skipped[/]",
        "refused" or "blocked" => $"[yellow]{outcome}[/]",
        _ => $"[red]{Markup.Escape(outcome)}[/]",
    };

    private static string Shorten(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
