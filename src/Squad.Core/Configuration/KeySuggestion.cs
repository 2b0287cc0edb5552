namespace Squad.Core.Configuration;

/// <summary>
/// The "did you mean" of Squad's configuration files: an unknown key is reported with the known key it most likely
/// misspells, by edit distance, so a typo in a guardrail is an error that says how to fix it, not a silent no-op.
/// </summary>
public static class KeySuggestion
{
    /// <summary>The known key closest to <paramref name="key"/>, when it is close enough to be a likely typo; otherwise null.</summary>
    public static string? Closest(string key, IEnumerable<string> known)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(known);

        // Two edits, or a third of the word for long keys: 'guardrail' finds 'guardrails', 'foo' finds nothing.
        var allowed = Math.Max(2, key.Length / 3);
        return known
            .Select(k => (Key: k, Distance: Distance(key.ToLowerInvariant(), k.ToLowerInvariant())))
            .Where(c => c.Distance <= allowed && c.Distance < Math.Max(key.Length, c.Key.Length))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => c.Key)
            .FirstOrDefault();
    }

    /// <summary>
    /// <c>unknown key 'guardrail' (did you mean 'guardrails'?)</c>, or with no likely match, the keys that are known:
    /// <c>unknown key 'foo' (known: commands, guardrails)</c>.
    /// </summary>
    public static string UnknownKey(string key, IReadOnlyCollection<string> known)
        => Closest(key, known) is { } suggestion
            ? $"unknown key '{key}' (did you mean '{suggestion}'?)"
            : $"unknown key '{key}' (known: {string.Join(", ", known)})";

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
