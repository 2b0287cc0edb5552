using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Local.Tracking;

namespace Squad.Cli;

/// <summary>The commands and their options; each action maps Squad's errors to one line and an exit code.</summary>
internal sealed class SquadCommands(IAnsiConsole console, IAnsiConsole errorConsole, TextWriter output, TextWriter error)
{
    private readonly Option<string?> dataDir = new("--data-dir") { Description = "Data directory (state, local forge, work trees). Default: per-user data folder, or SQUAD_DATA_DIR." };
    private readonly Option<bool> json = new("--json") { Description = "Print the result as JSON on standard output." };
    private readonly Option<string?> agentsDir = new("--agents") { Description = "Folder of role definitions (default: the agents/ shipped with Squad)." };
    private readonly Option<int> maxRounds = new("--max-rounds") { Description = "Review rounds before a squad hands its PR to a person.", DefaultValueFactory = _ => 3 };
    private readonly Option<string?> promptsDir = new("--prompts") { Description = "Folder of prompt templates (default: the prompts/ shipped with Squad)." };

    public RootCommand Build()
    {
        var root = new RootCommand("Squad: refined milestone in, reviewed and merged pull requests out.");
        root.Subcommands.Add(RunCommand());
        root.Subcommands.Add(DemoCommand());
        root.Subcommands.Add(StatusCommand());
        return root;
    }

    private Command RunCommand()
    {
        var milestone = new Argument<string>("milestone") { Description = "A local milestone folder (milestone.yml plus one .md file per issue)." };
        var model = new Option<string>("--model") { Description = "Model for every role: scripted (the milestone's scripted-responses.yaml) or scripted:PATH.", DefaultValueFactory = _ => "scripted" };
        var concurrency = new Option<int>("--concurrency") { Description = "Squads running at once.", DefaultValueFactory = _ => 2 };
        var command = new Command("run", "Run every refined issue of a milestone: one squad each, in parallel.") { milestone, model, concurrency, maxRounds, dataDir, json, agentsDir, promptsDir };
        command.SetAction((parse, cancellationToken) => GuardAsync(() => RunMilestoneAsync(
            parse.GetRequiredValue(milestone), parse.GetRequiredValue(model), parse.GetValue(concurrency), parse, cancellationToken)));
        return command;
    }

    private Command DemoCommand()
    {
        var command = new Command("demo", "Run the sample three-issue milestone offline: local tracker, local forge, scripted model.") { dataDir, json, agentsDir, promptsDir };
        command.SetAction((parse, cancellationToken) => GuardAsync(async () =>
        {
            using var host = CliHost.Open(parse.GetValue(dataDir));
            var folder = DemoSample.Prepare(host.DataDirectory);
            return await RunMilestoneAsync(folder, "scripted", 2, parse, cancellationToken);
        }));
        return command;
    }

    private Command StatusCommand()
    {
        var runId = new Argument<string?>("run-id") { Description = "A run id (default: the latest run).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "Show a run: each issue's outcome, its pull request, reviews and commits.") { runId, dataDir, json };
        command.SetAction((parse, cancellationToken) => GuardAsync(async () =>
        {
            using var host = CliHost.Open(parse.GetValue(dataDir));
            var id = parse.GetValue(runId);
            var run = id is null
                ? (await host.Store.ListRunsAsync(1, cancellationToken)) is [var latest, ..] ? latest : null
                : await host.Store.GetRunAsync(id, cancellationToken);
            if (run is null)
            {
                throw new SquadException(SquadErrorCode.InvalidInput, id is null
                    ? $"no runs in {host.DataDirectory}: start one with 'squad run' or 'squad demo'"
                    : $"run '{id}' is not in {host.DataDirectory}: 'squad status' shows the latest run");
            }

            var squads = await host.Store.ListSquadsAsync(run.Id, cancellationToken);
            var document = await StatusBuilder.BuildAsync(run, squads, host.Forge, cancellationToken);
            Print(document, parse.GetValue(json));
            return 0;
        }));
        return command;
    }

    private async Task<int> RunMilestoneAsync(string folder, string model, int concurrency, ParseResult parse, CancellationToken cancellationToken)
    {
        if (concurrency < 1)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"--concurrency must be at least 1, not {concurrency}");
        }

        var rounds = parse.GetResult(maxRounds) is null ? 3 : parse.GetValue(maxRounds);
        if (rounds < 1)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"--max-rounds must be at least 1, not {rounds}");
        }

        using var host = CliHost.Open(parse.GetValue(dataDir));
        var milestone = await host.Tracker.LoadMilestoneAsync(folder, cancellationToken);
        var info = LocalTracker.ReadMilestoneFile(folder);
        var agents = CliHost.LoadAgents(parse.GetValue(agentsDir), parse.GetValue(promptsDir)).WithModel(model);
        var models = CliHost.CreateModels(model, info.Folder);
        if (info.Source is { } source && !host.Forge.RepositoryExists(info.Repository))
        {
            await host.Forge.ImportRepositoryAsync(info.Repository, source, info.DefaultBranch, cancellationToken);
        }

        var asJson = parse.GetValue(json);
        var progressConsole = asJson ? errorConsole : console;
        if (models.IsScripted)
        {
            progressConsole.MarkupLine("[yellow]Model: scripted (prepared responses, not an AI).[/]");
        }

        var progress = new LiveProgress(progressConsole, milestone.Issues, live: !asJson && console.Profile.Capabilities.Interactive);
        var services = host.CreateServices(agents, models, concurrency, progress);
        services = services with { Options = services.Options with { MaxReviewRounds = rounds } };
        var report = await progress.RunAsync(() => new MilestoneRunner(services).RunAsync(milestone, cancellationToken));
        var document = await StatusBuilder.BuildAsync(report.Run, report.Squads, host.Forge, cancellationToken);
        Print(document, asJson);
        return report.Squads.All(s => s.Outcome is SquadOutcome.Merged or SquadOutcome.Skipped) ? 0 : 1;
    }

    private void Print(StatusDocument document, bool asJson)
    {
        if (asJson)
        {
            output.WriteLine(JsonSerializer.Serialize(document, CliJsonContext.Default.StatusDocument));
        }
        else
        {
            SummaryRenderer.Render(console, document);
        }
    }

    private async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (SquadException ex)
        {
            await error.WriteLineAsync($"error: {ex.Message}");
            return (int)ex.Code;
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("stopped: every squad can resume; run the same command again");
            return 130;
        }
    }
}
