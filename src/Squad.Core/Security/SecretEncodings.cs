using System.Text;

namespace Squad.Core.Security;

/// <summary>
/// The forms a secret takes once encoded, as substrings that appear in any text holding the
/// encoded secret: base64 (standard and URL-safe, at each of the three byte alignments within a
/// longer stream, padded or not), hex (either case) and URL percent-encoding.
/// </summary>
internal static class SecretEncodings
{
    /// <summary>The encoded forms of <paramref name="secret"/> and how to compare each one; the plain form is not among them.</summary>
    public static IEnumerable<(string Form, StringComparison Comparison)> Of(string secret)
    {
        var bytes = Encoding.UTF8.GetBytes(secret);
        foreach (var inner in Base64Inner(bytes).Distinct(StringComparer.Ordinal))
        {
            yield return (inner, StringComparison.Ordinal);
            var urlSafe = inner.Replace('+', '-').Replace('/', '_');
            if (!string.Equals(urlSafe, inner, StringComparison.Ordinal))
            {
                yield return (urlSafe, StringComparison.Ordinal);
            }
        }

        // Hex digits compare case-insensitively: lower, upper and mixed case are the same bytes.
        yield return (Convert.ToHexString(bytes), StringComparison.OrdinalIgnoreCase);
        yield return (string.Concat(bytes.Select(b => $"%{b:X2}")), StringComparison.OrdinalIgnoreCase);
        var escaped = Uri.EscapeDataString(secret);
        if (!string.Equals(escaped, secret, StringComparison.Ordinal))
        {
            yield return (escaped, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>
    /// For each alignment (the secret starting 0, 1 or 2 bytes into a base64 group), the base64
    /// characters whose six bits all come from the secret: what every stream holding it contains,
    /// whatever comes before or after it.
    /// </summary>
    private static IEnumerable<string> Base64Inner(byte[] secret)
    {
        for (var offset = 0; offset < 3; offset++)
        {
            var stream = new byte[offset + secret.Length + 2];
            secret.CopyTo(stream, offset);
            var encoded = Convert.ToBase64String(stream);
            var first = ((offset * 8) + 5) / 6;
            var end = (offset + secret.Length) * 8 / 6;
            if (end - first >= 4)
            {
                yield return encoded[first..end];
            }
        }
    }
}
