using System.Globalization;
using Spectre.Console;

namespace Squad.Benchmark;

/// <summary>
/// Prints the report: every number is the report's own value in its shortest invariant form, which
/// is also how the JSON writes it, so the table and the file agree digit for digit.
/// </summary>
internal static class ReportTable
{
    public static void Render(IAnsiConsole console, BenchmarkReport report)
    {
        var repository = report.Repository;
        console.MarkupLine($"[bold]Squad benchmark[/] {report.Date} · {report.Machine.Cores} cores · {Markup.Escape(report.Machine.OperatingSystem)} · {Markup.Escape(report.Machine.Runtime)} · {Markup.Escape(report.Machine.Git)}");
        var machine = report.Machine;
        console.MarkupLine($"load average (1 min) at start {Value(machine.LoadAverageAtStart)}, at end {Value(machine.LoadAverageAtEnd)}: above {machine.Cores}, other work competed for the cores");
        console.MarkupLine($"repository: {repository.Files} files, {F(repository.Megabytes)} MB, {repository.Commits} commits, {repository.Tokens} tokens");
        console.MarkupLine($"scripted model: {F(report.LatencyMs)} ms a call, {report.CallsPerRole} calls a role; {report.Runs} run(s) of {string.Join(", ", report.IssueCounts)} issues{(report.Quick ? " [yellow](quick)[/]" : "")}; took {F(report.DurationSeconds)} s");
        console.Write(Figures(report));
        console.Write(TokenTable(report.Tokens));
        console.Write(Targets(report));
    }

    private static Table Figures(BenchmarkReport report)
    {
        var table = new Table().Title("Figures (median, min, max)").AddColumns("#", "figure", "unit", "median", "min", "max");
        SetUpRows(table, report.SetUp);
        MakespanRows(table, report.Makespans);
        CpuRows(table, report.Cpu);
        PromptRows(table, report);
        Row(table, "6", $"peak working set, {report.IssueCounts.Max()} issues{(report.PeakMemory.ResetPerRun ? "" : " (whole process)")}", "MB", report.PeakMemory.PeakMegabytes);
        Row(table, "7", "commands run in the sandbox, per merged issue", "", report.Guardrails.SandboxCommandsPerIssue);
        Row(table, "7", "  guardrail runs in a fresh pristine copy, per merged issue", "", report.Guardrails.PristineRunsPerIssue);
        Row(table, "7", "  guardrail runs answered from a recorded result, per merged issue", "", report.Guardrails.PristineRunsReusedPerIssue);
        Row(table, "7", "  reviewers' commands answered from a recorded result, per merged issue", "", report.Guardrails.ReviewerCommandsReusedPerIssue);
        return table;
    }

    private static Table TokenTable(TokenFigures tokens)
    {
        var prices = tokens.Prices;
        var table = new Table()
            .Title($"8 · per merged issue, at {Markup.Escape(prices.Model)} (${F(prices.Input)} / ${F(prices.CachedInput)} cached / ${F(prices.Output)} output per million)")
            .AddColumns("who", "calls", "input tokens", "cached", "output tokens", "cost (USD)");
        foreach (var row in tokens.Rows)
        {
            table.AddRow(Markup.Escape(row.Who), F(row.Calls), F(row.InputTokens), F(row.CachedPercent) + " %", F(row.OutputTokens), F(row.CostUsd));
        }

        table.Caption($"squad / single agent: {F(tokens.SquadOverSingleAgentInput)}× the input tokens, {F(tokens.SquadOverSingleAgentCost)}× the cost");
        return table;
    }

    private static void SetUpRows(Table table, SetUpFigures setUp)
    {
        Row(table, "1", "set-up per squad (intake → every role's first call)", "ms", setUp.SquadMs);
        Row(table, "1", "  before QA's first call", "ms", setUp.BeforeQaMs);
        Row(table, "1", "  before the Developer's first call", "ms", setUp.BeforeDeveloperMs);
        Row(table, "1", "  before both reviewers' first calls", "ms", setUp.BeforeReviewersMs);
        Row(table, "1", "raw git worktree add (on disk)", "ms", setUp.RawWorktreeAddMs);
        Row(table, "1", "set-up / raw git worktree add (on disk)", "×", setUp.Ratio);
        if (setUp.RawWorktreeAddInMemoryMs is { } inMemory && setUp.RatioInMemory is { } ratio)
        {
            Row(table, "1", "raw git worktree add in memory, where the squads' trees went", "ms", inMemory);
            Row(table, "1", "set-up / raw git worktree add in memory", "×", ratio);
        }
    }

    private static void MakespanRows(Table table, IReadOnlyList<MakespanFigures> makespans)
    {
        foreach (var makespan in makespans)
        {
            Row(table, "2", $"makespan, {makespan.Issues} issue(s) at once", "s", makespan.Seconds);
        }

        foreach (var makespan in makespans.Where(m => m.Issues > 1))
        {
            Row(table, "2", $"speedup at {makespan.Issues} (makespan(1) × N / makespan(N))", "", makespan.Speedup);
            Row(table, "2", $"parallel efficiency at {makespan.Issues} (speedup / N)", "", makespan.Efficiency);
        }
    }

    private static void CpuRows(Table table, CpuFigures cpu)
    {
        Row(table, "3", "orchestrator CPU per model call (counted)", "ms", cpu.OrchestratorMsPerCall);
        Row(table, "3", "  of which read-only tool calls (one squad's, replayed alone)", "ms", cpu.ReadTools.MsPerModelCall);
        foreach (var tool in cpu.ReadTools.Tools)
        {
            Row(table, "3", $"    {tool.Tool}: one call ({tool.CallsPerSquad} a squad)", "ms", tool.CpuMsPerCall);
        }

        Row(table, "3", "child processes' CPU per model call (not counted)", "ms", cpu.ChildProcessesMsPerCall);
    }

    private static void PromptRows(Table table, BenchmarkReport report)
    {
        foreach (var role in report.Roles)
        {
            Row(table, "4", $"input tokens per call, {role.Role}", "tokens", role.InputTokens);
            Row(table, "4", $"  first call of a pass, {role.Role}", "tokens", role.FirstCallInputTokens);
        }

        foreach (var reviewer in report.ReviewerInput)
        {
            Single(table, "4", $"{reviewer.Role} median input / repository", "%", reviewer.PercentOfRepository);
        }

        foreach (var role in report.Roles)
        {
            Row(table, "5", $"prefix reuse per call, {role.Role}", "%", role.PrefixReusePercent);
            Row(table, "5", $"  first call of a pass, {role.Role}", "%", role.FirstCallPrefixReusePercent);
            Single(table, "5", $"  all calls, weighted by size, {role.Role}", "%", role.WeightedPrefixReusePercent);
        }
    }

    private static Table Targets(BenchmarkReport report)
    {
        var table = new Table().Title("Targets of the issue").AddColumns("target", "value", "limit", "result");
        foreach (var target in report.Targets)
        {
            table.AddRow(
                Markup.Escape(target.Name),
                Markup.Escape($"{F(target.Value)} {target.Unit}".Trim()),
                Markup.Escape($"{target.Comparison} {F(target.Limit)} {target.Unit}".Trim()),
                target.Met ? "[green]met[/]" : "[red]missed[/]");
        }

        return table;
    }

    private static void Row(Table table, string number, string figure, string unit, Stat? stat)
        => table.AddRow(number, Markup.Escape(figure), Markup.Escape(unit), Value(stat?.Median), Value(stat?.Min), Value(stat?.Max));

    private static void Single(Table table, string number, string figure, string unit, double value)
        => table.AddRow(number, Markup.Escape(figure), Markup.Escape(unit), F(value), "", "");

    private static string Value(double? value) => value is { } v ? F(v) : "–";

    /// <summary>The shortest text that reads back as the same double: what System.Text.Json writes too.</summary>
    public static string F(double value) => value.ToString(CultureInfo.InvariantCulture);
}
