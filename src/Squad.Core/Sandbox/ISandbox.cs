namespace Squad.Core.Sandbox;

/// <summary>
/// Process isolation for every command whose code an agent can influence: <c>run_command</c>, every guardrail, the
/// formatter, the setup command and the regression check. The orchestrator, its secrets, the data directory, the forge,
/// other squads and <c>$HOME</c> stay outside. Killing the sandbox kills every process in it.
/// </summary>
public interface ISandbox
{
    /// <summary>What this sandbox is and what it allows: the first line of every run, and <c>squad doctor</c>.</summary>
    SandboxInfo Info { get; }

    /// <summary>
    /// Runs <see cref="SandboxCommand.CommandLine"/> with <c>/bin/sh -c</c>. Never throws for what the command does
    /// (a failure, a timeout, a limit): those are values of the result. Cancellation kills the whole sandbox and throws.
    /// </summary>
    Task<SandboxResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken = default);
}
