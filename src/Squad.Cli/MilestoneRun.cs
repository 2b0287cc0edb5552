using Squad.Core;
using Squad.Core.Agents;
using Squad.Core.Audit;
using Squad.Core.Domain;
using Squad.Core.Orchestration;
using Squad.Sentry;

namespace Squad.Cli;

/// <summary>
/// One milestone run on the CLI's composition (data directory, target, models, prices, budgets), shared by
/// <c>squad run</c>, <c>squad demo</c>, <c>squad sweep</c> and the runs <c>squad serve</c> starts from Slack or on schedule.
/// </summary>
internal static class MilestoneRun
{
    /// <param name="settings">What to run and how.</param>
    /// <param name="createView">Called once the milestone is read, with it and whether the models are scripted.</param>
    /// <param name="cancellationToken">Stops the run between steps; its squads stay resumable.</param>
    public static async Task<MilestoneRunResult> ExecuteAsync(
        MilestoneRunSettings settings, Func<Milestone, bool, RunView> createView, CancellationToken cancellationToken = default)
    {
        using var host = CliHost.Open(settings.DataDirectory);
        var composition = Compose(settings, host);
        using var target = await RunTarget.OpenAsync(host, settings.Request, composition.Agents, cancellationToken);
        var milestone = settings.BugFix
            ? target.Milestone with { Issues = [.. target.Milestone.Issues.Select(i => i with { BlockedBy = [] })] }
            : target.Milestone;
        return await RunLoadedAsync(composition, target, milestone, createView, cancellationToken);
    }

    /// <summary>Checks the settings and loads the roles and prices, before any milestone is read.</summary>
    /// <exception cref="SquadException">A setting is out of range, or a dollar budget meets an unpriced model.</exception>
    public static RunComposition Compose(MilestoneRunSettings settings, CliHost host)
    {
        Validate(settings);
        _ = host.Worktrees; // SQUAD_WORKTREES is read (and refused when unknown) before anything is printed or read
        var catalog = CliHost.LoadAgents(settings.AgentsDirectory, settings.PromptsDirectory);
        var agents = settings.Model is null ? catalog : catalog.WithModel(settings.Model);
        var prices = CliHost.LoadPrices(settings.PricesFile);
        EnsurePriced(agents, prices, settings.Budgets);
        return new RunComposition { Host = host, Settings = settings, Agents = agents, Prices = prices };
    }

    /// <summary>Runs <paramref name="milestone"/>, already read from <paramref name="target"/> (a sweep hands it only the issues it starts).</summary>
    public static async Task<MilestoneRunResult> RunLoadedAsync(
        RunComposition composition, RunTarget target, Milestone milestone, Func<Milestone, bool, RunView> createView, CancellationToken cancellationToken = default)
    {
        var (host, settings) = (composition.Host, composition.Settings);
        var models = CliHost.CreateModels(composition.Agents, target.ScriptFolder ?? Environment.CurrentDirectory);
        var view = createView(milestone, models.IsScripted);

        var services = host.CreateServices(composition.Agents, models, settings.Concurrency, view.Progress, settings.Sandbox) with { Tracker = target.Tracker, CodeHost = target.CodeHost };
        services = services with { Prices = composition.Prices, Options = services.Options with { MaxReviewRounds = settings.MaxRounds, MaxConflictRounds = settings.MaxConflictRounds, QueueLookahead = settings.QueueLookahead, Budgets = settings.Budgets, DiagnoseBugs = settings.BugFix } };

        // A bug fix reads the stub's Sentry link for the Diagnostician when SENTRY_AUTH_TOKEN is set.
        using var sentryHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        if (settings.BugFix && SentryOptions.FromEnvironment(settings.Variables) is { } sentry)
        {
            services = services with { ErrorTracker = new SentryClient(sentryHttp, sentry) };
        }

        var report = await view.Watch(() => new MilestoneRunner(services).RunAsync(milestone, cancellationToken));
        var usage = await host.Audit.SummarizeRunAsync(report.Run.Id, cancellationToken);
        var document = await StatusBuilder.BuildAsync(report.Run, report.Squads, target.CodeHost, usage, cancellationToken);
        var merged = report.Squads.Count(s => s.Outcome == SquadOutcome.Merged);
        document = document with { Guardrails = GuardrailsDto.Of(services.GuardrailResults, report, merged) };
        return new MilestoneRunResult { Report = report, Document = document };
    }

    private static void Validate(MilestoneRunSettings settings)
    {
        if (settings.Concurrency < 1)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"--concurrency must be at least 1, not {settings.Concurrency}");
        }

        if (settings.MaxConflictRounds < 0)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"--max-conflict-rounds must be 0 or more, not {settings.MaxConflictRounds}");
        }

        if (settings.QueueLookahead < 0)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"--queue-lookahead must be 0 or more, not {settings.QueueLookahead}");
        }

        if (settings.MaxRounds < 1)
        {
            throw new SquadException(SquadErrorCode.InvalidInput, $"--max-rounds must be at least 1, not {settings.MaxRounds}");
        }
    }

    /// <summary>A dollar budget cannot count a model without a price: refuse to start rather than never stop.</summary>
    private static void EnsurePriced(AgentCatalog agents, PriceTable prices, Budgets limits)
    {
        if (limits.LimitsDollars && agents.All.FirstOrDefault(a => prices.Find(a.Model) is null) is { } unpriced)
        {
            throw new SquadException(SquadErrorCode.InvalidConfiguration,
                $"no price for model '{unpriced.Model}' of the {unpriced.Name} role, so a dollar budget cannot count it: add it with --prices FILE or use a token budget");
        }
    }
}
