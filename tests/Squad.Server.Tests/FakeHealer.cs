using System.Collections.Concurrent;
using Squad.Core.Orchestration;

namespace Squad.Server.Tests;

/// <summary>Records the repositories it is asked to heal and finishes at once.</summary>
internal sealed class FakeHealer : IRepositoryHealer
{
    private readonly ConcurrentQueue<string> healed = new();

    public IReadOnlyList<string> Healed => [.. healed];

    public Task<LaunchSummary> HealAsync(string repository, ISquadProgress progress, CancellationToken cancellationToken = default)
    {
        healed.Enqueue(repository);
        return Task.FromResult(new LaunchSummary { RunId = "none", Succeeded = true, Text = $"Healer: main of {repository} is green" });
    }
}
