using System.CommandLine;
using System.Text.Json;
using Spectre.Console;
using Squad.Core;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Core.Sandbox;
using Squad.Server;

namespace Squad.Cli;

/// <summary>The commands and their options; each action maps Squad's errors to one line and an exit code.</summary>
internal sealed partial class SquadCommands(IAnsiConsole console, IAnsiConsole errorConsole, TextWriter output, TextWriter error)
{
    private readonly Option<string?> dataDir = new("--data-dir") { Description = "Data directory (state, local forge, work trees). Default: per-user data folder, or SQUAD_DATA_DIR." };
    private readonly Option<bool> json = new("--json") { Description = "Print the result as JSON on standard output." };
    private readonly Option<string?> agentsDir = new("--agents") { Description = "Folder of role definitions (default: the agents/ shipped with Squad)." };
    private readonly Option<int> maxRounds = new("--max-rounds") { Description = "Review rounds before a squad hands its PR to a person.", DefaultValueFactory = _ => 3 };
    private readonly Option<int> queueLookahead = new("--queue-lookahead") { Description = "How many pull requests may be ahead of one waiting in the merge queue for it to test its merge result on the main they will make (0: only in its turn). Not with a setup: content that has not landed gets no network.", DefaultValueFactory = _ => 2 };
    private readonly Option<int> maxConflictRounds = new("--max-conflict-rounds") { Description = "Conflict rounds (the merge queue sends a PR that conflicts with main back to its Developer) before a person takes over.", DefaultValueFactory = _ => 2 };
    private readonly Option<string?> promptsDir = new("--prompts") { Description = "Folder of prompt templates (default: the prompts/ shipped with Squad)." };
    private readonly Option<string?> pricesFile = new("--prices") { Description = "A price table (prices.yaml format) whose entries add to or replace the shipped prices." };
    private readonly Option<string?> configFile = new("--config") { Description = "The squad.yml to read: 'repositories' map Linear team keys or project names to owner/name, 'sweeps' list what to sweep, 'slack' sets serve's mode (default: squad.yml in the data directory)." };
    private readonly Option<string?> model = new("--model") { Description = "Model for every role, instead of each role's own (agents/*.yaml): openai:MODEL, anthropic:MODEL, scripted (the milestone's scripted-responses.yaml) or scripted:PATH." };
    private readonly Option<string?> repository = new("--repository") { Description = "The GitHub repository (owner/name) for Linear issues, unless --config maps their team or project." };
    private readonly Option<int> concurrency = new("--concurrency") { Description = "Squads running at once.", DefaultValueFactory = _ => 2 };
    private readonly Option<bool> noSandbox = new("--no-sandbox") { Description = "Run agent-influenced commands (tests, builds, guardrails) on this machine as you, without the sandbox. Only for a machine without bubblewrap, on code you trust." };
    private readonly Option<bool> wait = new("--wait") { Description = "When another Squad process holds the data directory, wait for it to finish instead of stopping (exit 10)." };
    private readonly BudgetOptions budgets = new();

    public RootCommand Build()
    {
        var root = new RootCommand("Squad: refined milestone in, reviewed and merged pull requests out.");
        root.Subcommands.Add(RunCommand());
        root.Subcommands.Add(FixCommand());
        root.Subcommands.Add(DemoCommand());
        root.Subcommands.Add(StatusCommand());
        root.Subcommands.Add(AuditCommand());
        root.Subcommands.Add(ReportCommand());
        root.Subcommands.Add(TraceCommand.Create(dataDir, json, output, GuardAsync));
        root.Subcommands.Add(ServeCommand());
        root.Subcommands.Add(SweepCommand());
        root.Subcommands.Add(DoctorCommand());
        root.Subcommands.Add(InitCommand());
        root.Subcommands.Add(RevertCommand());
        root.Subcommands.Add(HealCommand());
        var tooling = new ToolingCommands(output, error);
        root.Subcommands.Add(tooling.Schema());
        root.Subcommands.Add(tooling.Completion());
        root.Subcommands.Add(WorkerCommand());
        root.Subcommands.Add(StopMergesCommand());
        return root;
    }

    private Command RunCommand()
    {
        var milestone = new Argument<string>("milestone") { Description = "A Linear milestone URL (or project URL with --milestone, or issue URL), or a local milestone folder (milestone.yml plus one .md file per issue)." };
        var milestoneName = new Option<string?>("--milestone") { Description = "The milestone's name, when the reference is a Linear project URL." };
        var command = new Command("run", "Run every refined issue of a milestone: one squad each, in parallel.") { milestone, milestoneName, repository, configFile, model, concurrency, maxRounds, maxConflictRounds, queueLookahead, dataDir, wait, json, agentsDir, promptsDir, cluster, devLocalForge };
        AddCostOptions(command);
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new RunTargetRequest
            {
                Reference = parse.GetRequiredValue(milestone),
                MilestoneName = parse.GetValue(milestoneName),
                Repository = parse.GetValue(repository),
                ConfigFile = parse.GetValue(configFile),
            };
            return ClusterTarget.Connection(parse.GetValue(cluster), Environment.GetEnvironmentVariable) is { } connection
                ? GuardAsync(() => RunOnClusterAsync(request, connection, parse.GetValue(model), parse, cancellationToken))
                : LockedAsync("squad run", parse, () => RunMilestoneAsync(request, parse.GetValue(model), parse.GetValue(concurrency), parse, cancellationToken), cancellationToken);
        });
        return command;
    }

    private Command FixCommand()
    {
        var issue = new Argument<string>("issue") { Description = "The bug's issue: a Linear identifier (ENG-123) or URL, an issue file of a local milestone folder (bugs/CHK-41.md), or an identifier in the --issues folder." };
        var issues = new Option<string?>("--issues") { Description = "A local milestone folder where bare identifiers are looked up (instead of Linear)." };
        var command = new Command("fix", "Fix one bug: a read-only Diagnostician writes the hypothesis, fix plan and scenario first, then the squad runs as usual.")
        {
            issue, issues, repository, configFile, model, maxRounds, dataDir, wait, json, agentsDir, promptsDir,
        };
        AddCostOptions(command);
        command.Options.Add(cluster);
        command.Options.Add(devLocalForge);
        command.SetAction((parse, cancellationToken) =>
        {
            RunTargetRequest Request() => FixTarget.Resolve(parse.GetRequiredValue(issue), parse.GetValue(issues), new RunTargetRequest
            {
                Reference = "",
                Repository = parse.GetValue(repository),
                ConfigFile = parse.GetValue(configFile),
            });
            return ClusterTarget.Connection(parse.GetValue(cluster), Environment.GetEnvironmentVariable) is { } connection
                ? GuardAsync(() => RunOnClusterAsync(Request(), connection, parse.GetValue(model), parse, cancellationToken, bugFix: true))
                : LockedAsync("squad fix", parse, () => RunMilestoneAsync(Request(), parse.GetValue(model), 1, parse, cancellationToken, bugFix: true), cancellationToken);
        });
        return command;
    }

    private Command DemoCommand()
    {
        var command = new Command("demo", "Run the sample seven-issue milestone offline (two pairs that conflict in the merge queue): local tracker, local forge, scripted model.") { dataDir, wait, json, agentsDir, promptsDir };
        AddCostOptions(command);
        command.SetAction((parse, cancellationToken) => LockedAsync("squad demo", parse, async () =>
        {
            using var host = CliHost.Open(parse.GetValue(dataDir));
            var folder = DemoSample.Prepare(host.DataDirectory);
            // Four at once: each pair of conflicting issues starts together from the same main (see the sample's script).
            return await RunMilestoneAsync(new RunTargetRequest { Reference = folder }, "scripted", 4, parse, cancellationToken);
        }, cancellationToken));
        return command;
    }

    private Command DoctorCommand()
    {
        var command = new Command("doctor", "Say what this machine gives Squad: the sandbox for agent code and what it allows, git, the data directory.") { dataDir, json };
        command.SetAction((parse, cancellationToken) => GuardAsync(() => Doctor.RunAsync(
            console, parse.GetValue(json) ? output : null, Path.GetFullPath(parse.GetValue(dataDir) ?? CliHost.DefaultDataDirectory()), cancellationToken)));
        return command;
    }

    private Command StatusCommand()
    {
        var runId = new Argument<string?>("run-id") { Description = "A run id (default: the latest run).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("status", "Show a run: each issue's outcome, its pull request, reviews and commits.") { runId, dataDir, json, cluster, devLocalForge };
        command.SetAction((parse, cancellationToken) => GuardAsync(async () =>
        {
            if (ClusterTarget.Connection(parse.GetValue(cluster), Environment.GetEnvironmentVariable) is { } connection)
            {
                return await StatusOnClusterAsync(connection, parse.GetValue(runId), parse, cancellationToken);
            }

            using var host = CliHost.Open(parse.GetValue(dataDir));
            var run = await FindRunAsync(host, parse.GetValue(runId), cancellationToken);
            var squads = await host.Store.ListSquadsAsync(run.Id, cancellationToken);
            var usage = await host.Audit.SummarizeRunAsync(run.Id, cancellationToken);
            var codeHost = RunTarget.CodeHostFor(host, run.Repository, CliHost.LoadAgents(null, null), out var owned);
            using (owned)
            {
                var document = await StatusBuilder.BuildAsync(run, squads, codeHost, usage, cancellationToken);
                var healer = await HealRun.ListAsync(host, cancellationToken);
                Print(document with { Healer = healer.Count == 0 ? null : healer }, parse.GetValue(json));
                foreach (var line in parse.GetValue(json) ? [] : healer.Select(HealRun.Line))
                {
                    console.WriteLine(line);
                }
            }

            return 0;
        }));
        return command;
    }

    private Command AuditCommand()
    {
        var runId = new Argument<string?>("run-id") { Description = "A run id (default: the latest run).", Arity = ArgumentArity.ZeroOrOne };
        var jsonLines = new Option<string?>("--jsonl") { Description = "Also write every model and tool call to FILE, one JSON object per line." };
        var command = new Command("audit", "Show a run's audit trail: every model call (role, model, hashes, tokens, cost) and tool call.") { runId, dataDir, json, jsonLines, cluster };
        command.SetAction((parse, cancellationToken) => GuardAsync(async () =>
        {
            if (ClusterTarget.Connection(parse.GetValue(cluster), Environment.GetEnvironmentVariable) is { } connection)
            {
                return await AuditOnClusterAsync(connection, parse.GetValue(runId), parse.GetValue(jsonLines), parse, cancellationToken);
            }

            using var host = CliHost.Open(parse.GetValue(dataDir));
            var run = await FindRunAsync(host, parse.GetValue(runId), cancellationToken);
            await AuditPrinter.PrintAsync(console, output, host.Audit, run, parse.GetValue(json), parse.GetValue(jsonLines), cancellationToken);
            return 0;
        }));
        return command;
    }

    private Command ReportCommand()
    {
        var runId = new Argument<string?>("run-id") { Description = "A run id (default: the latest run).", Arity = ArgumentArity.ZeroOrOne };
        var outputFile = new Option<string?>("--output") { Description = "The HTML file to write (default: squad-report-RUN.html in the current folder)." };
        var command = new Command("report", "Write a run's dashboard (timeline, cost and tokens per role and issue, links) as one self-contained HTML file that opens offline.") { runId, outputFile, dataDir };
        command.SetAction((parse, cancellationToken) => GuardAsync(() => ReportFile.WriteAsync(
            parse.GetValue(dataDir), parse.GetValue(runId), parse.GetValue(outputFile), output, cancellationToken)));
        return command;
    }

    private Command ServeCommand()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on, separated by ';' (ASP.NET convention).", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var allowUsers = new Option<string?>("--allow-users") { Description = "Slack user ids (U...) that may start, stop and inspect runs, comma-separated. Nobody else can." };
        var allowChannels = new Option<string?>("--allow-channels") { Description = "Slack channel ids (C...) work may be started from, comma-separated (default: any)." };
        var issues = new Option<string?>("--issues") { Description = "A local milestone folder where '/squad fix ID' looks identifiers up (default: Linear)." };
        var slackMode = new Option<string?>("--slack-mode") { Description = "How Slack reaches Squad: http (Slack posts to /slack/commands; needs a public URL) or socket (Socket Mode; needs SLACK_APP_TOKEN), or off (no slash commands: scheduled sweeps only). Default: 'slack: mode:' in the data directory's squad.yml, else http." };
        var command = new Command("serve", "Serve Slack's /squad command (POST /slack/commands, or Socket Mode with --slack-mode socket), the web dashboard (GET /) and GET /healthz. Needs SLACK_SIGNING_SECRET (SLACK_APP_TOKEN in Socket Mode); SLACK_BOT_TOKEN adds a progress thread; GITHUB_WEBHOOK_SECRET adds POST /github/webhook, which heals a red main.")
        {
            urls, dataDir, wait, allowUsers, allowChannels, model, issues, slackMode, configFile, repository, maxRounds, agentsDir, promptsDir, cluster, devLocalForge,
        };
        AddCostOptions(command);
        command.SetAction((parse, cancellationToken) => LockedAsync("squad serve", parse, () => SlackServe.RunAsync(
            new ServeRequest
            {
                Urls = parse.GetRequiredValue(urls),
                AllowUsers = parse.GetValue(allowUsers),
                AllowChannels = parse.GetValue(allowChannels),
                IssuesFolder = parse.GetValue(issues),
                SlackMode = parse.GetValue(slackMode),
                Cluster = ClusterTarget.Connection(parse.GetValue(cluster), Environment.GetEnvironmentVariable),
                DevLocalForge = parse.GetValue(devLocalForge),
                Runs = RunSettings(
                    parse,
                    new RunTargetRequest { Reference = "", ConfigFile = parse.GetValue(configFile), Repository = parse.GetValue(repository) },
                    parse.GetValue(model)),
            },
            Environment.GetEnvironmentVariable, error, cancellationToken), cancellationToken));
        return command;
    }

    private Command SweepCommand()
    {
        var name = new Argument<string?>("name") { Description = "The sweep to run, as named in squad.yml (default: every configured sweep, one after another).", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("sweep", "Run a configured sweep now: start squads for its ready issues; skip those in flight, with an open PR, or settled.")
        {
            name, configFile, model, concurrency, maxRounds, dataDir, wait, json, agentsDir, promptsDir,
        };
        AddCostOptions(command);
        command.Options.Add(cluster);
        command.Options.Add(devLocalForge);
        command.SetAction((parse, cancellationToken) => ClusterTarget.Connection(parse.GetValue(cluster), Environment.GetEnvironmentVariable) is { } connection
            ? GuardAsync(() => SweepOnClusterAsync(parse.GetValue(name), connection, parse, cancellationToken))
            : LockedAsync("squad sweep", parse, () => SweepAsync(
                parse.GetValue(name), parse.GetValue(configFile), parse.GetValue(model), parse.GetValue(concurrency), parse, cancellationToken), cancellationToken));
        return command;
    }

    private Command RevertCommand()
    {
        var target = new Argument<string>("target") { Description = "The issue (NOTE-1) or the pull request number (#3) whose merge by Squad to revert." };
        var command = new Command("revert", "Revert a merge Squad made: a revert PR through the revert gate, merged, and the issue reopened with squad:reverted.")
        {
            target, configFile, dataDir, wait, json, agentsDir, promptsDir, noSandbox,
        };
        command.SetAction((parse, cancellationToken) => LockedAsync("squad revert", parse, async () =>
        {
            var settings = RunSettings(parse, new RunTargetRequest { Reference = "", ConfigFile = parse.GetValue(configFile) }, null);
            var (squad, line) = await HandRevert.RunAsync(settings, parse.GetRequiredValue(target), cancellationToken);
            if (parse.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(RevertDocument.From(squad), CliJsonContext.Default.RevertDocument));
            }
            else
            {
                console.WriteLine(line);
            }

            return RunExitCode.ForRevert(squad.Outcome);
        }, cancellationToken));
        return command;
    }

    private Command HealCommand()
    {
        var milestone = new Argument<string>("milestone") { Description = "A Linear milestone URL or a local milestone folder: its repository's main is judged, and the stub issue of a fix is filed there." };
        var attempts = new Option<int>("--attempts") { Description = "Fix squads per cause of a red main before the Healer stops and leaves it to a person.", DefaultValueFactory = _ => 3 };
        var coolDown = new Option<int>("--cool-down-minutes") { Description = "Minutes between two fix squads for the same cause.", DefaultValueFactory = _ => 60 };
        var command = new Command("heal", "The Healer: verify main and read its checks; when main is red, start a bug-fix squad with the failure log as its stub (budget and cool-down per cause).")
        {
            milestone, attempts, coolDown, repository, configFile, model, maxRounds, dataDir, wait, json, agentsDir, promptsDir,
        };
        AddCostOptions(command);
        command.SetAction((parse, cancellationToken) => LockedAsync("squad heal", parse, async () =>
        {
            if (parse.GetValue(attempts) < 1 || parse.GetValue(coolDown) < 0)
            {
                throw new SquadException(SquadErrorCode.InvalidInput, "--attempts must be at least 1 and --cool-down-minutes at least 0");
            }

            var reference = parse.GetRequiredValue(milestone);
            reference = RunTarget.IsLocal(reference) ? Path.GetFullPath(reference) : reference;
            var request = new RunTargetRequest { Reference = reference, Repository = parse.GetValue(repository), ConfigFile = parse.GetValue(configFile) };
            var options = new Core.Verification.HealerOptions { MaxAttempts = parse.GetValue(attempts), CoolDown = TimeSpan.FromMinutes(parse.GetValue(coolDown)) };
            var verdict = await HealRun.ExamineAsync(RunSettings(parse, request, parse.GetValue(model)), reference, options, cancellationToken);
            (parse.GetValue(json) ? errorConsole : console).WriteLine("Healer: " + verdict.Message);
            return verdict.Kind switch
            {
                Core.Verification.HealerVerdictKind.Green => 0,
                Core.Verification.HealerVerdictKind.Start or Core.Verification.HealerVerdictKind.Resume => await RunMilestoneAsync(
                    request with { Issue = verdict.Issue }, parse.GetValue(model), 1, parse, cancellationToken, bugFix: true),
                _ => RunExitCode.NeedsPerson,
            };
        }, cancellationToken));
        return command;
    }

    private Command InitCommand()
    {
        var path = new Argument<string>("path") { Description = "The repository (default: the current folder).", DefaultValueFactory = _ => "." };
        var command = new Command("init", "Propose a .squad.yml for the repository's stack (.NET, Python, Node, Go, Rust) and write it unless one exists.") { path };
        command.SetAction(parse => GuardAsync(() => Task.FromResult(RepositoryInit.Run(parse.GetRequiredValue(path), output, error))));
        return command;
    }

    private async Task<int> SweepAsync(string? name, string? configFile, string? model, int concurrency, ParseResult parse, CancellationToken cancellationToken)
    {
        var dataDirectory = Path.GetFullPath(parse.GetValue(dataDir) ?? CliHost.DefaultDataDirectory());
        var sweeps = SweepConfiguration.Select(SweepConfiguration.Load(configFile, dataDirectory), name, SweepConfiguration.PathOf(configFile, dataDirectory));
        var settings = RunSettings(parse, new RunTargetRequest { Reference = "", ConfigFile = configFile }, model) with { DataDirectory = dataDirectory, Concurrency = concurrency };
        var asJson = parse.GetValue(json);
        var documents = new List<SweepDocument>();
        var outcomes = new List<SquadOutcome>();
        foreach (var sweep in sweeps)
        {
            var result = await SweepRun.ExecuteAsync(settings, sweep, (milestone, scripted) => CreateView(milestone, scripted, asJson, settings.Sandbox.Info), cancellationToken);
            documents.Add(SweepDocument.From(result));
            outcomes.AddRange(result.Outcomes);
            if (!asJson)
            {
                SweepRenderer.Render(console, documents[^1]);
            }
        }

        if (asJson)
        {
            output.WriteLine(JsonSerializer.Serialize(new SweepsDocument { Sweeps = documents }, CliJsonContext.Default.SweepsDocument));
        }

        return RunExitCode.For(outcomes);
    }

    private void AddCostOptions(Command command)
    {
        command.Options.Add(noSandbox);
        command.Options.Add(pricesFile);
        foreach (var option in budgets.All)
        {
            command.Options.Add(option);
        }
    }

    private static async Task<RunRecord> FindRunAsync(CliHost host, string? id, CancellationToken cancellationToken)
    {
        var run = id is null
            ? (await host.Store.ListRunsAsync(1, cancellationToken)) is [var latest, ..] ? latest : null
            : await host.Store.GetRunAsync(id, cancellationToken);
        return run ?? throw new SquadException(SquadErrorCode.InvalidInput, id is null
            ? $"no runs in {host.DataDirectory}: start one with 'squad run' or 'squad demo'"
            : $"run '{id}' is not in {host.DataDirectory}: 'squad status' shows the latest run");
    }

    private async Task<int> RunMilestoneAsync(
        RunTargetRequest request, string? model, int concurrency, ParseResult parse, CancellationToken cancellationToken, bool bugFix = false)
    {
        var settings = RunSettings(parse, request, model) with { Concurrency = concurrency, BugFix = bugFix };
        var asJson = parse.GetValue(json);
        var result = await MilestoneRun.ExecuteAsync(settings, (milestone, scripted) => CreateView(milestone, scripted, asJson, settings.Sandbox.Info), cancellationToken);
        Print(result.Document, asJson);
        if (!settings.Sandbox.Info.Contained && !asJson)
        {
            console.MarkupLine(SandboxChoice.Markup(settings.Sandbox.Info));
        }

        return RunExitCode.For(result.Report.Squads.Select(s => s.Outcome));
    }

    /// <summary>What every command that runs squads reads alike: the data directory, roles, rounds, prices and budgets.</summary>
    private MilestoneRunSettings RunSettings(ParseResult parse, RunTargetRequest request, string? modelName) => new()
    {
        Request = request,
        DataDirectory = parse.GetValue(dataDir),
        Model = modelName,
        MaxRounds = parse.GetResult(maxRounds) is null ? 3 : parse.GetValue(maxRounds),
        MaxConflictRounds = parse.GetResult(maxConflictRounds) is null ? 2 : parse.GetValue(maxConflictRounds),
        QueueLookahead = parse.GetResult(queueLookahead) is null ? 2 : parse.GetValue(queueLookahead),
        Budgets = budgets.Read(parse),
        PricesFile = parse.GetValue(pricesFile),
        AgentsDirectory = parse.GetValue(agentsDir),
        PromptsDirectory = parse.GetValue(promptsDir),
        Sandbox = SandboxChoice.Resolve(parse.GetValue(noSandbox)),
    };

    private RunView CreateView(Milestone milestone, bool scripted, bool asJson, SandboxInfo sandbox)
    {
        var progressConsole = asJson ? errorConsole : console;
        progressConsole.MarkupLine(SandboxChoice.Markup(sandbox));
        if (scripted)
        {
            progressConsole.MarkupLine("[yellow]Model: scripted (prepared responses, not an AI).[/]");
        }

        var progress = new LiveProgress(progressConsole, milestone.Issues, live: !asJson && console.Profile.Capabilities.Interactive);
        return new RunView { Progress = progress, Watch = progress.RunAsync };
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

    /// <summary>Runs <paramref name="action"/> holding the data directory's lock, taken before anything is written there.</summary>
    private Task<int> LockedAsync(string command, ParseResult parse, Func<Task<int>> action, CancellationToken cancellationToken) => GuardAsync(async () =>
    {
        var dataDirectory = Path.GetFullPath(parse.GetValue(dataDir) ?? CliHost.DefaultDataDirectory());
        using var held = await DataDirectoryLock.AcquireAsync(dataDirectory, command, parse.GetValue(wait), TimeProvider.System, error, cancellationToken);
        return await action();
    });

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
