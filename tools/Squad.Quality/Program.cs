using Squad.Core;
using Squad.Core.Agents;
using Squad.Core.Audit;
using Squad.Models;
using Squad.Quality;
using Squad.Quality.Agent;
using Squad.Quality.Replay;
using Squad.Quality.Suite;

// squad-quality [--only C#,Python,TypeScript] [--tasks DIR] [--model PROVIDER:MODEL] [--verbose]
// squad-quality replay [--trajectories DIR]
try
{
    var options = QualityOptions.Parse(args);
    if (options.Replay)
    {
        Console.Write(ReplayReport.Load(options.Trajectories).Render());
        return 0;
    }

    var tasks = QualityTask.LoadAll(options.Tasks, options.Languages);
    var agents = AgentCatalog.Load(Path.Combine(AppContext.BaseDirectory, "agents"), Path.Combine(AppContext.BaseDirectory, "prompts"));
    var prices = PriceTable.Load(Path.Combine(AppContext.BaseDirectory, "prices.yaml"));
    IAgentModelProvider models = options.Model is { } model
        ? ModelProviderFactory.Create(new ModelSettings { Models = [model] }, scriptPath: null)
        : new DeterministicModelProvider(tasks.ToDictionary(t => t.Definition.Id, t => t.Recipe(), StringComparer.Ordinal), TimeProvider.System, options.Verbose ? Console.Error : null);
    agents = agents.WithModel(options.Model ?? "deterministic");
    var sandbox = Squad.Sandbox.SandboxDetector.Detect().Sandbox ?? (Squad.Core.Sandbox.ISandbox)new Squad.Sandbox.HostSandbox();
    var results = new List<TaskResult>();
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
    foreach (var task in tasks)
    {
        using var runner = new QualityRunner(sandbox);
        var result = await runner.RunAsync(task, agents, models, prices, cancel.Token);
        results.Add(result);
        Console.Error.WriteLine($"{result.Id}: {(result.Resolved ? "resolved" : "not resolved")}, {result.Outcome} in {result.Duration.TotalSeconds:0.0} s");
        if (options.Verbose && (!result.Resolved || !result.Merged))
        {
            runner.Progress.Lines.ToList().ForEach(Console.Error.WriteLine);
        }
    }

    Console.Write(SuiteTable.Render(results, withCost: options.Model is not null));
    return results.All(r => r.Resolved || r.FalseMerge) ? 0 : 1;
}
catch (SquadException e)
{
    Console.Error.WriteLine("squad-quality: " + e.Message);
    return 2;
}
