using System.Collections.Concurrent;

namespace Squad.Core.Git;

/// <summary>
/// Answers that never change once produced (what a commit or tree holds, by its object id), kept for the process: the
/// last <c>capacity</c> of them. Concurrent callers of one key share one production; a failed one is not kept, so the
/// next caller tries again, and neither is an answer <c>keep</c> refuses (too large to hold).
/// </summary>
/// <typeparam name="T">The answer.</typeparam>
/// <param name="capacity">How many answers are kept; the oldest goes first.</param>
public sealed class KeptAnswers<T>(int capacity)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> order = new();

    /// <summary>The answer of <paramref name="key"/>: kept, or produced now by <paramref name="produce"/> (never cancelled by one caller).</summary>
    public async Task<T> GetAsync(string key, Func<Task<T>> produce, Func<T, bool>? keep = null, CancellationToken cancellationToken = default)
    {
        var added = false;
        var lazy = answers.GetOrAdd(key, _ =>
        {
            added = true;
            return new Lazy<Task<T>>(produce);
        });
        if (added)
        {
            order.Enqueue(key);
            while (order.Count > capacity && order.TryDequeue(out var old))
            {
                answers.TryRemove(old, out _);
            }
        }

        T answer;
        try
        {
            answer = await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            answers.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, lazy));
            throw;
        }

        if (keep is not null && !keep(answer))
        {
            answers.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(key, lazy));
        }

        return answer;
    }
}
