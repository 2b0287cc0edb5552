namespace Squad.GitHub;

/// <summary>
/// The last answer and <c>ETag</c> of each URL read with the main token, so a repeated read can be a conditional
/// request: a 304 reuses the body and does not count against the rate limit. Small and bounded; the oldest
/// entries go first.
/// </summary>
internal sealed class GitHubResponseCache(int capacity = 256)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, GitHubCachedAnswer> entries = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    public GitHubCachedAnswer? Find(Uri uri)
    {
        lock (gate)
        {
            return entries.GetValueOrDefault(uri.AbsoluteUri);
        }
    }

    public void Put(Uri uri, GitHubCachedAnswer answer)
    {
        lock (gate)
        {
            if (!entries.ContainsKey(uri.AbsoluteUri))
            {
                order.Enqueue(uri.AbsoluteUri);
                while (order.Count > capacity)
                {
                    entries.Remove(order.Dequeue());
                }
            }

            entries[uri.AbsoluteUri] = answer;
        }
    }
}
