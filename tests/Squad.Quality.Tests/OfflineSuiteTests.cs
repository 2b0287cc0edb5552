using Squad.Core.Agents;
using Squad.Core.Audit;
using Squad.Quality.Agent;
using Squad.Quality.Suite;
using Squad.Testing;

namespace Squad.Quality.Tests;

/// <summary>
/// The offline quality suite on the Python and TypeScript tasks that exercise each reaction (a failing test, a refused
/// commit) and the false merge; the C# tasks run in tools/ only (dotnet restore and test in the sandbox are too slow here).
/// </summary>
public sealed class OfflineSuiteTests
{
    [BubblewrapFact]
    public async Task The_deterministic_squads_resolve_their_tasks_and_the_plausible_wrong_change_is_caught_as_a_false_merge()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "tasks");
        var tasks = new[] { "PY-1", "PY-2", "TS-1" }.Select(id => QualityTask.Load(Path.Combine(folder, id))).ToList();
        var agents = AgentCatalog.Load(Path.Combine(AppContext.BaseDirectory, "agents"), Path.Combine(AppContext.BaseDirectory, "prompts")).WithModel("deterministic");
        var models = new DeterministicModelProvider(tasks.ToDictionary(t => t.Definition.Id, t => t.Recipe(), StringComparer.Ordinal), TimeProvider.System);
        var results = new List<TaskResult>();
        foreach (var task in tasks)
        {
            using var runner = new QualityRunner(TestSandbox.Create());
            results.Add(await runner.RunAsync(task, agents, models, PriceTable.Empty));
        }

        var byId = results.ToDictionary(r => r.Id);
        Assert.All(tasks.Where(t => !t.Definition.FalseMergeBait), t => Assert.True(byId[t.Definition.Id] is { Resolved: true, Merged: true, FalseMerge: false }, byId[t.Definition.Id].Outcome));
        Assert.True(byId["PY-2"] is { Merged: true, Resolved: false, FalseMerge: true }, byId["PY-2"].Outcome);
        // The reactions happened: PY-1's first change leaves a test failing (a second edit), TS-1's commit is refused by the linter (formatter, second commit).
        Assert.Equal(10, byId["PY-1"].Roles.Single(r => r.Role == "developer").Turns);
        Assert.Equal(9, byId["TS-1"].Roles.Single(r => r.Role == "developer").Turns);
        Assert.All(results, r => Assert.Equal(["code-reviewer", "developer", "qa", "qa-specialist"], r.Roles.Select(u => u.Role)));
    }
}
