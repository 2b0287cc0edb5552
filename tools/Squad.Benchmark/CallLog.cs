using System.Collections.Concurrent;

namespace Squad.Benchmark;

/// <summary>
/// The model calls of one milestone run. Capturing prompts keeps every request's messages alive until
/// the run ends, so only the run whose prompts are analysed captures them; timed runs record timestamps only.
/// </summary>
internal sealed class CallLog(bool capturePrompts)
{
    private readonly ConcurrentQueue<ModelCall> calls = new();

    public bool CapturePrompts => capturePrompts;

    public int Count => calls.Count;

    public void Add(ModelCall call) => calls.Enqueue(call);

    /// <summary>The calls, ordered by when they started.</summary>
    public IReadOnlyList<ModelCall> Calls => [.. calls.OrderBy(c => c.StartedAt)];
}
