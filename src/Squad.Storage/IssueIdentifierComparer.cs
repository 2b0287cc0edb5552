namespace Squad.Storage;

/// <summary>
/// Orders issue identifiers as people read them: runs of digits compare by value, so ABC-2 comes
/// before ABC-10; everything else compares ordinally.
/// </summary>
internal sealed class IssueIdentifierComparer : IComparer<string>
{
    public static IssueIdentifierComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        var (i, j) = (0, 0);
        while (i < x.Length && j < y.Length)
        {
            var left = NextChunk(x, ref i);
            var right = NextChunk(y, ref j);
            var result = char.IsAsciiDigit(left[0]) && char.IsAsciiDigit(right[0])
                ? CompareNumbers(left, right)
                : left.SequenceCompareTo(right);
            if (result != 0)
            {
                return result;
            }
        }

        // A prefix sorts first; equal-valued numbers written differently ("02", "2") still get a stable order.
        var remaining = (x.Length - i).CompareTo(y.Length - j);
        return remaining != 0 ? remaining : string.CompareOrdinal(x, y);
    }

    /// <summary>The run of digits, or of non-digits, starting at <paramref name="index"/>.</summary>
    private static ReadOnlySpan<char> NextChunk(string text, ref int index)
    {
        var start = index;
        var digits = char.IsAsciiDigit(text[index]);
        while (index < text.Length && char.IsAsciiDigit(text[index]) == digits)
        {
            index++;
        }

        return text.AsSpan(start, index - start);
    }

    private static int CompareNumbers(ReadOnlySpan<char> left, ReadOnlySpan<char> right)
    {
        left = left.TrimStart('0');
        right = right.TrimStart('0');
        var byLength = left.Length.CompareTo(right.Length);
        return byLength != 0 ? byLength : left.SequenceCompareTo(right);
    }
}
