using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Cli;

/// <summary>A worker's log of its squads' steps: one line each, naming the node.</summary>
internal sealed class WorkerProgress(string node, TextWriter output) : ISquadProgress
{
    private readonly Lock gate = new();

    public void Report(string issueIdentifier, SquadStep squadStep, string message)
    {
        lock (gate)
        {
            output.WriteLine($"[{node}] {issueIdentifier} {squadStep}: {message.ReplaceLineEndings(" ")}");
            output.Flush();
        }
    }
}
