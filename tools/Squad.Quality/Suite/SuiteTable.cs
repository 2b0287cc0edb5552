using System.Globalization;
using System.Text;

namespace Squad.Quality.Suite;

/// <summary>The suite's table: per task, whether the hidden test passes, whether it merged, and turns and tokens per role; then totals.</summary>
internal static class SuiteTable
{
    private static readonly string[] s_roles = ["qa", "developer", "code-reviewer", "qa-specialist"];

    public static string Render(IReadOnlyList<TaskResult> results, bool withCost)
    {
        var text = new StringBuilder();
        text.Append("| task | language | resolved | merged | false merge |");
        foreach (var role in s_roles)
        {
            text.Append(CultureInfo.InvariantCulture, $" {role} turns / tokens |");
        }

        text.AppendLine(withCost ? " cost |" : "").Append("|---|---|---|---|---|").Append(string.Concat(s_roles.Select(_ => "---|"))).AppendLine(withCost ? "---|" : "");
        foreach (var result in results)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {result.Id} | {result.Language} | {YesNo(result.Resolved)} | {YesNo(result.Merged)} | {YesNo(result.FalseMerge)} |");
            foreach (var role in s_roles)
            {
                var usage = result.Roles.FirstOrDefault(r => r.Role == role);
                text.Append(usage is null ? " – |" : string.Create(CultureInfo.InvariantCulture, $" {usage.Turns} / {usage.InputTokens + usage.OutputTokens:N0} |"));
            }

            text.AppendLine(withCost ? string.Create(CultureInfo.InvariantCulture, $" ${result.Roles.Sum(r => r.Cost):0.0000} |") : "");
        }

        var all = results.SelectMany(r => r.Roles).ToList();
        text.AppendLine().Append(CultureInfo.InvariantCulture, $"resolved {results.Count(r => r.Resolved)} of {results.Count}, merged {results.Count(r => r.Merged)}, false merges {results.Count(r => r.FalseMerge)}; ");
        text.Append(CultureInfo.InvariantCulture, $"{all.Sum(r => r.Turns)} turns, {all.Sum(r => r.InputTokens):N0} input and {all.Sum(r => r.OutputTokens):N0} output tokens");
        text.AppendLine(withCost ? string.Create(CultureInfo.InvariantCulture, $", ${all.Sum(r => r.Cost):0.0000}") : "");
        foreach (var result in results.Where(r => !r.Merged || !r.Resolved))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{result.Id}: {result.Outcome}{(result.FalseMerge ? " (the hidden test fails: a false merge)" : "")}");
        }

        return text.ToString();
    }

    private static string YesNo(bool value) => value ? "yes" : "no";
}
