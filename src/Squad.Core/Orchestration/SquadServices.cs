using Squad.Core.Agents;
using Squad.Core.Audit;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Git;
using Squad.Core.Sandbox;
using Squad.Core.Security;
using Squad.Core.Tracking;

namespace Squad.Core.Orchestration;

/// <summary>Everything a squad works with; one instance per milestone run.</summary>
public sealed record SquadServices
{
    public required IIssueTracker Tracker { get; init; }

    public required ICodeHost CodeHost { get; init; }

    public required IRunStore Store { get; init; }

    /// <summary>Where every model call and tool call is recorded.</summary>
    public required IAuditLog Audit { get; init; }

    /// <summary>Where the conversation of every agent pass is kept beside the audit trail (content-addressed); null keeps none.</summary>
    public ITrajectoryStore? Trajectories { get; init; }

    /// <summary>Prices of models, for the cost of each call and dollar budgets.</summary>
    public PriceTable Prices { get; init; } = PriceTable.Empty;

    public required IAgentModelProvider Models { get; init; }

    public required AgentCatalog Agents { get; init; }

    public required GitCli Git { get; init; }

    public required SecretRedactor Redactor { get; init; }

    /// <summary>Where every command an agent can influence runs: guardrails, <c>run_command</c>, setup, the gate's checks.</summary>
    public required ISandbox Sandbox { get; init; }

    public required TimeProvider Time { get; init; }

    public required SquadOptions Options { get; init; }

    public ISquadProgress? Progress { get; init; }

    /// <summary>Guardrail outcomes of pristine copies, by tree and rules, shared by every squad of the run.</summary>
    public GuardrailResults GuardrailResults { get; init; } = new();

    /// <summary>The repository maps of base commits, shared by every squad of the run (<see cref="Orchestration.CodeMaps"/>).</summary>
    public CodeMaps CodeMaps { get; init; } = new();

    /// <summary>The clones' locks and recovery state, shared by every run of the process (<see cref="CloneRegistry"/>).</summary>
    public CloneRegistry Clones { get; init; } = CloneRegistry.Process;

    /// <summary>Where a bug stub's error-tracker link is read for the Diagnostician (Sentry), when one is configured.</summary>
    public IErrorTracker? ErrorTracker { get; init; }

    /// <summary>The orchestrator's own identity: it pushes, merges and posts hand-offs.</summary>
    public Identity Orchestrator { get; init; } = new() { Name = "Squad", Email = "squad@squad.local", Login = "squad" };

    /// <summary>A command runner under <paramref name="config"/> (always the base branch's), in the sandbox.</summary>
    public Tools.CommandRunner Commands(Configuration.RepositoryConfig config) => new(config, Redactor, Sandbox, Options.ToolchainCaches);

    /// <summary>
    /// These services with the tracker and the code host behind the redacting gates, so that every text
    /// written outward passes <see cref="Redactor"/> (plain and encoded secrets) at one place. Idempotent.
    /// </summary>
    public SquadServices WithRedactedWrites() => this with
    {
        Tracker = Tracker is RedactingIssueTracker ? Tracker : new RedactingIssueTracker(Tracker, Redactor),
        CodeHost = CodeHost is RedactingCodeHost ? CodeHost : new RedactingCodeHost(CodeHost, Redactor),
    };

    /// <summary>The line that ends everything Squad posts; says so when the model is scripted.</summary>
    public string ModelLine => Models.IsScripted
        ? "Model: scripted (prepared responses, not an AI)"
        : $"Model: {Models.Description}";
}
