using Spectre.Console;

namespace Squad.Cli;

/// <summary>A sweep's summary: per milestone, one row per issue it started (with how it ended) or skipped (with why).</summary>
internal static class SweepRenderer
{
    public static void Render(IAnsiConsole console, SweepDocument sweep)
    {
        console.MarkupLine($"[bold]Sweep {Markup.Escape(sweep.Sweep)}[/] · {Markup.Escape(sweep.Scope)}");
        foreach (var line in sweep.Healer ?? [])
        {
            console.MarkupLine(Markup.Escape("Healer: " + line));
        }

        if (sweep.Milestones.Count == 0)
        {
            console.MarkupLine("[grey]No issue matched: nothing to start.[/]");
            return;
        }

        foreach (var milestone in sweep.Milestones)
        {
            var run = milestone.Run is { } document ? $" · run {document.Run.Id}" : " · nothing started";
            console.MarkupLine($"[bold]{Markup.Escape(milestone.Milestone)}[/] · {Markup.Escape(milestone.Repository)}{Markup.Escape(run)}");
            var table = new Table().Border(TableBorder.Rounded).AddColumns("Issue", "Title", "Sweep", "Outcome", "PR", "Why");
            foreach (var squad in milestone.Run?.Squads ?? [])
            {
                table.AddRow(
                    Markup.Escape(squad.Issue), Markup.Escape(SummaryRenderer.Shorten(squad.Title, 36)), "started", SummaryRenderer.Colored(squad.Outcome),
                    squad.PullRequest is { } pr ? $"#{pr.Number}" : "-", Markup.Escape(SummaryRenderer.Shorten(squad.Reason ?? "", 60)));
            }

            foreach (var skip in milestone.Skipped)
            {
                table.AddRow(
                    Markup.Escape(skip.Issue), Markup.Escape(SummaryRenderer.Shorten(skip.Title, 36)), "[grey]skipped[/]", $"[grey]{skip.Kind}[/]",
                    skip.PullRequest is { } pr ? $"#{pr}" : "-", Markup.Escape(SummaryRenderer.Shorten(skip.Reason, 60)));
            }

            console.Write(table);
            console.MarkupLine(Markup.Escape($"{milestone.Started.Count} started, {milestone.Skipped.Count} skipped"));
        }
    }
}
