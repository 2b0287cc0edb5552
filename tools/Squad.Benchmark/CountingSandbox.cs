using Squad.Core.Sandbox;

namespace Squad.Benchmark;

/// <summary>Counts the commands a run sends to the sandbox: every guardrail, <c>run_command</c>, set-up and check.</summary>
internal sealed class CountingSandbox(ISandbox inner) : ISandbox
{
    private int runs;

    public int Runs => runs;

    public SandboxInfo Info => inner.Info;

    public Task<SandboxResult> RunAsync(SandboxCommand command, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref runs);
        return inner.RunAsync(command, cancellationToken);
    }
}
