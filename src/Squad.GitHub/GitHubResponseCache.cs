namespace Squad.GitHub;

/// <summary>
/// The last body and <c>ETag</c> of each URL read with the main token, so a repeated read can be a conditional
/// request: a 304 reuses the body and does not count against the rate limit. Small and bounded; the oldest
/// entries go first.
/// </summary>
internal sealed class GitHubResponseCache(int capacity = 256)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, (string ETag, string Body, Uri? NextPage)> entries = new(StringComparer.Ordinal);
    private readonly Queue<string> order = new();

    /// <summary>The cached answer and its next page.</summary>
    public bool TryGet(Uri uri, out string etag, out string body, out Uri? nextPage)
    {
        lock (gate)
        {
            if (entries.TryGetValue(uri.AbsoluteUri, out var entry))
            {
                (etag, body, nextPage) = entry;
                return true;
            }
        }

        (etag, body, nextPage) = ("", "", null);
        return false;
    }

    public void Put(Uri uri, string etag, string body, Uri? nextPage)
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

            entries[uri.AbsoluteUri] = (etag, body, nextPage);
        }
    }
}
