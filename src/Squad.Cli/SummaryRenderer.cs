using Spectre.Console;
using Squad.Core.Audit;

namespace Squad.Cli;

/// <summary>The milestone summary: one row per issue, readable at a glance, then what each role's model calls used.</summary>
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
            .AddColumns("Issue", "Title", "Outcome", "PR", "Rounds", "Conflicts", "Queue wait", "Merge commit")
            .AddColumns(new TableColumn("Tokens").RightAligned(), new TableColumn("Cost").RightAligned(), new TableColumn("Why"));
        foreach (var squad in document.Squads)
        {
            table.AddRow(
                Markup.Escape(squad.Issue),
                Markup.Escape(Shorten(squad.Title, 36)),
                Colored(squad.Outcome),
                squad.PullRequest is { } pr ? $"#{pr.Number}" : "-",
                squad.ReviewRounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                squad.ConflictRounds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                squad.QueueWaitSeconds > 0 ? $"{squad.QueueWaitSeconds:0}s" : "-",
                squad.MergeCommit is { Length: >= 12 } sha ? sha[..12] : "-",
                Usage.FormatCount(squad.Usage.InputTokens + squad.Usage.OutputTokens),
                Usage.FormatUsd(squad.Usage.CostUsd),
                Markup.Escape(Shorten(squad.Reason ?? "", 60)));
        }

        console.Write(table);
        var counts = document.Squads.GroupBy(s => s.Outcome).Select(g => $"{g.Count()} {g.Key}");
        console.MarkupLine(Markup.Escape(string.Join(", ", counts)));
        if (document.Queue is { Merged: > 0 } queue)
        {
            console.MarkupLine(Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Merge queue: {queue.Merged} landed ({queue.MergedPerHour:0.0} per hour), {queue.WaitSeconds:0}s waiting in the queue, {queue.ConflictRounds} conflict round(s) sent back to the squads")));
        }

        if (document.Guardrails is { } guardrails && guardrails.PristineRuns + guardrails.RunsReused + guardrails.ReviewerCommandsReused > 0)
        {
            console.MarkupLine(Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Guardrails: {guardrails.PristineRuns} run(s) in a pristine sandboxed copy ({guardrails.PristineRunsPerMergedIssue:0.##} per merged issue), {guardrails.RunsReused + guardrails.ReviewerCommandsReused} answered from a recorded result of the same tree under the same rules")));
        }

        if (document.Guardrails is { SetupsRan: > 0 } setups)
        {
            console.MarkupLine(Markup.Escape(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Set-up: run {setups.SetupsRan} time(s), copied into {setups.SetupsCopied} more tree(s) from a run on the same base under the same rules")));
        }

        RenderRoles(console, document);
    }

    private static void RenderRoles(IAnsiConsole console, StatusDocument document)
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumn("Role");
        foreach (var header in new[] { "Calls", "Tokens in", "Tokens out", "Cost" })
        {
            table.AddColumn(new TableColumn(header).RightAligned());
        }

        foreach (var role in document.Roles)
        {
            table.AddRow(Markup.Escape(role.Role), Usage.FormatCount(role.Usage.Calls), Usage.FormatCount(role.Usage.InputTokens),
                Usage.FormatCount(role.Usage.OutputTokens), Usage.FormatUsd(role.Usage.CostUsd));
        }

        var total = document.Usage;
        table.AddRow("[bold]total[/]", Usage.FormatCount(total.Calls), Usage.FormatCount(total.InputTokens),
            Usage.FormatCount(total.OutputTokens), $"[bold]{Usage.FormatUsd(total.CostUsd)}[/]");
        if (document.Run.Scripted)
        {
            table.Caption("[grey]scripted: estimated tokens at a nominal price[/]");
        }

        console.Write(table);
    }

    internal static string Colored(string outcome) => outcome switch
    {
        "merged" => "[green]merged[/]",
        "skipped" => "[grey]skipped[/]",
        "refused" or "blocked" => $"[yellow]{outcome}[/]",
        _ => $"[red]{Markup.Escape(outcome)}[/]",
    };

    internal static string Shorten(string text, int length)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= length ? line : line[..(length - 1)] + "…";
    }
}
