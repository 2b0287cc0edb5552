using System.Collections.Concurrent;
using Squad.Core.Audit;

namespace Squad.Quality.Suite;

/// <summary>Counts every model call of a run by issue and role, from the usage each response reports.</summary>
internal sealed class UsageLedger(PriceTable prices)
{
    private readonly ConcurrentQueue<(string Issue, string Role, string Model, long Input, long Output)> calls = new();

    public void Record(string issue, string role, string model, long input, long output) => calls.Enqueue((issue, role, model, input, output));

    public IReadOnlyList<RoleUsage> For(string issue)
        => [.. calls.Where(c => c.Issue == issue).GroupBy(c => c.Role, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new RoleUsage(g.Key, g.Count(), g.Sum(c => c.Input), g.Sum(c => c.Output), g.Sum(c => prices.Find(c.Model)?.Cost(c.Input, c.Output) ?? 0m)))];
}
