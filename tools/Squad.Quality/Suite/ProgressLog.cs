using System.Collections.Concurrent;
using Squad.Core.Domain;
using Squad.Core.Orchestration;

namespace Squad.Quality.Suite;

/// <summary>Keeps the squads' progress lines, shown with <c>--verbose</c> to explain a task that did not resolve.</summary>
internal sealed class ProgressLog : ISquadProgress
{
    private readonly ConcurrentQueue<string> lines = new();

    public IReadOnlyList<string> Lines => [.. lines];

    public void Report(string issueIdentifier, SquadStep squadStep, string message) => lines.Enqueue($"{issueIdentifier} {squadStep}: {message}");

    public void ReportQueue(string issueIdentifier, string note) => lines.Enqueue($"{issueIdentifier} queue: {note}");
}
