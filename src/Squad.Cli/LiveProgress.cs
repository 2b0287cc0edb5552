using System.Collections.Concurrent;
using Spectre.Console;
using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Cli;

/// <summary>
/// The live view: on a terminal, a table of every squad's current step, refreshed as they move;
/// elsewhere (CI, pipes, --json), one line per step change on standard error.
/// </summary>
internal sealed class LiveProgress(IAnsiConsole console, IReadOnlyList<Issue> issues, bool live) : ISquadProgress
{
    private readonly ConcurrentDictionary<string, (SquadStep Step, string Message)> state = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> queue = new(StringComparer.Ordinal);
    private readonly Lock writeLock = new();
    private LiveDisplayContext? context;

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        if (!live)
        {
            return await work();
        }

        T result = default!;
        await console.Live(Render()).AutoClear(false).StartAsync(async ctx =>
        {
            context = ctx;
            result = await work();
            ctx.UpdateTarget(Render());
            ctx.Refresh();
        });
        context = null;
        return result;
    }

    /// <remarks>A message of several lines (a diagnosis with its scenario) shows its first line here; Slack gets all of it.</remarks>
    public void Report(string issueIdentifier, SquadStep squadStep, string message)
    {
        message = message.Split('\n', 2)[0];
        state[issueIdentifier] = (squadStep, message);
        lock (writeLock)
        {
            if (context is { } ctx)
            {
                ctx.UpdateTarget(Render());
                ctx.Refresh();
            }
            else if (!live)
            {
                console.MarkupLine($"[grey]{DateTime.UtcNow:HH:mm:ss}[/] {Markup.Escape(issueIdentifier),-10} {Markup.Escape(StepName(squadStep)),-15} {Markup.Escape(message)}");
            }
        }
    }

    /// <summary>The merge queue and foresight: a column of its own on a terminal, a "queue" line elsewhere.</summary>
    public void ReportQueue(string issueIdentifier, string note)
    {
        if (queue.TryGetValue(issueIdentifier, out var shown) && shown == note)
        {
            return;
        }

        queue[issueIdentifier] = note;
        lock (writeLock)
        {
            if (context is { } ctx)
            {
                ctx.UpdateTarget(Render());
                ctx.Refresh();
            }
            else if (!live && note.Length > 0)
            {
                console.MarkupLine($"[grey]{DateTime.UtcNow:HH:mm:ss}[/] {Markup.Escape(issueIdentifier),-10} {"queue",-15} {Markup.Escape(note)}");
            }
        }
    }

    private Table Render()
    {
        var table = new Table().Border(TableBorder.Rounded).AddColumns("Issue", "Step", "Latest", "Queue");
        foreach (var issue in issues)
        {
            var (step, message) = state.TryGetValue(issue.Identifier, out var current) ? current : (SquadStep.Pending, "waiting");
            table.AddRow(Markup.Escape(issue.Identifier), Markup.Escape(StepName(step)), Markup.Escape(message),
                Markup.Escape(queue.GetValueOrDefault(issue.Identifier, "")));
        }

        return table;
    }

    private static string StepName(SquadStep step) => step switch
    {
        SquadStep.QaTests => "qa-tests",
        SquadStep.RegressionCheck => "regression",
        SquadStep.PullRequest => "pull-request",
        SquadStep.TrackerUpdate => "tracker-update",
        _ => step.ToString().ToLowerInvariant(),
    };
}
