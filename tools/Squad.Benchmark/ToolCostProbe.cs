using Squad.Core.Agents;
using Squad.Core.Configuration;
using Squad.Core.Domain;
using Squad.Core.Git;
using Squad.Core.Security;
using Squad.Core.Tools;

namespace Squad.Benchmark;

/// <summary>
/// Replays the read-only tool calls of one squad's script (read_file, list_files, search_files)
/// through Squad's <see cref="ToolBox"/>, the agent loop's own path, on a work tree of the
/// repository with nothing else running, and measures the CPU of each kind in batches.
/// </summary>
internal sealed class ToolCostProbe(AgentCatalog agents, GitCli git, int callsPerRole)
{
    private static readonly string[] Roles = [RoleNames.Qa, RoleNames.Developer, RoleNames.CodeReviewer, RoleNames.QaSpecialist];

    public async Task<ToolCostFigures> MeasureAsync(string worktree, IssuePlan issue, int repetitions, CancellationToken cancellationToken = default)
    {
        // The files the squad writes exist when its later roles read them.
        WriteFile(worktree, issue.FeatureFile, $"{issue.ReadyLine}\nmodule: {issue.ModuleName}\n");
        WriteFile(worktree, issue.TestFile, "true\n");
        var config = RepositoryConfigLoader.Load(worktree);
        var calls = Roles
            .SelectMany(role => ScriptPlanner.Plan(issue, role, callsPerRole).Where(IsRead).Select(turn => (Context: Context(worktree, role, config), Turn: turn)))
            .GroupBy(call => Kind(call.Turn), StringComparer.Ordinal)
            .ToList();
        var tools = new ToolBox();
        var perKind = calls.ToDictionary(g => g.Key, _ => new List<double>(), StringComparer.Ordinal);
        var perSquad = new List<double>();
        for (var repetition = 0; repetition < repetitions; repetition++)
        {
            var squad = 0.0;
            foreach (var kind in calls)
            {
                var before = ProcessStats.ProcessorTime();
                foreach (var (context, turn) in kind)
                {
                    var arguments = turn.Arguments.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal);
                    await tools.InvokeAsync(turn.Tool!, arguments, context, cancellationToken);
                }

                var milliseconds = (ProcessStats.ProcessorTime() - before).TotalMilliseconds;
                perKind[kind.Key].Add(milliseconds / kind.Count());
                squad += milliseconds;
            }

            perSquad.Add(squad / (Roles.Length * callsPerRole));
        }

        return new ToolCostFigures
        {
            MsPerModelCall = Stat.Of(perSquad, 2),
            Tools = [.. calls.Select(kind => new ToolCost { Tool = kind.Key, CallsPerSquad = kind.Count(), CpuMsPerCall = Stat.Of(perKind[kind.Key], 2) })
                .OrderByDescending(cost => cost.CpuMsPerCall.Median)],
        };
    }

    private static bool IsRead(PlannedTurn turn) => turn.Tool is "read_file" or "list_files" or "search_files";

    private static string Kind(PlannedTurn turn) => turn.Tool switch
    {
        "search_files" when turn.Arguments.Any(a => a.Key == "path") => "search_files, one module",
        "search_files" => "search_files, whole repository",
        var tool => tool!,
    };

    private ToolContext Context(string worktree, string role, RepositoryConfig config) => new()
    {
        WorkspaceRoot = worktree,
        Agent = agents.Find(role) ?? throw new InvalidOperationException($"no definition for the role {role}"),
        Commands = new CommandRunner(config, SecretRedactor.FromEnvironment(), Squad.Sandbox.SandboxDetector.Detect().Sandbox ?? (Squad.Core.Sandbox.ISandbox)new Squad.Sandbox.HostSandbox()),
        Git = git,
        Signature = "Squad benchmark",
    };

    private static void WriteFile(string root, string relative, string text)
    {
        var path = Path.Combine(root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
