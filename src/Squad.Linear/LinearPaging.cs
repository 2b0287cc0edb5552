using Squad.Core;

namespace Squad.Linear;

/// <summary>Walks a Relay connection to its end: <c>after: endCursor</c> until <c>hasNextPage</c> is false.</summary>
internal static class LinearPaging
{
    /// <summary>Every node, starting from the page <paramref name="first"/> already at hand (or from the start).</summary>
    public static async Task<IReadOnlyList<T>> AllAsync<T>(
        Connection<T>? first, Func<string?, Task<Connection<T>>> next, string what)
    {
        var page = first ?? await next(null);
        var nodes = new List<T>(page.Nodes);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (page.PageInfo.HasNextPage)
        {
            if (page.PageInfo.EndCursor is not { } cursor || !seen.Add(cursor))
            {
                throw new SquadException(
                    SquadErrorCode.Integration,
                    $"Linear's pages of {what} do not advance (no new endCursor): try again, and report it if it persists");
            }

            page = await next(cursor);
            nodes.AddRange(page.Nodes);
        }

        return nodes;
    }
}
