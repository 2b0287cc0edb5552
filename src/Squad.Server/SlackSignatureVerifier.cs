using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Squad.Server;

/// <summary>
/// Checks Slack's v0 request signature: HMAC-SHA256 with the signing secret over <c>v0:{timestamp}:{raw body}</c>,
/// compared in constant time, with timestamps more than five minutes from now refused.
/// </summary>
public sealed class SlackSignatureVerifier(string signingSecret, TimeProvider time)
{
    /// <summary>How far a request's timestamp may be from now.</summary>
    public static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(5);

    private const string Version = "v0";

    private readonly byte[] key = Encoding.UTF8.GetBytes(signingSecret);

    /// <param name="timestamp">The <c>X-Slack-Request-Timestamp</c> header (Unix seconds).</param>
    /// <param name="signature">The <c>X-Slack-Signature</c> header (<c>v0=</c> and lowercase hex).</param>
    /// <param name="body">The body exactly as received, before any form parsing.</param>
    public SignatureCheck Verify(string? timestamp, string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.Missing;
        }

        var age = time.GetUtcNow().ToUnixTimeSeconds() - seconds;
        if (Math.Abs(age) > Tolerance.TotalSeconds)
        {
            return SignatureCheck.Stale;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(timestamp, body));
        var actual = Encoding.ASCII.GetBytes(signature);
        return signature.StartsWith(Version + "=", StringComparison.Ordinal) && CryptographicOperations.FixedTimeEquals(expected, actual)
            ? SignatureCheck.Valid
            : SignatureCheck.BadSignature;
    }

    /// <summary>The signature Slack would send for <paramref name="body"/> at <paramref name="timestamp"/>.</summary>
    public string Sign(string timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{Version}:{timestamp}:");
        var baseString = new byte[prefix.Length + body.Length];
        prefix.CopyTo(baseString, 0);
        body.CopyTo(baseString.AsSpan(prefix.Length));
        return $"{Version}={Convert.ToHexStringLower(HMACSHA256.HashData(key, baseString))}";
    }
}
