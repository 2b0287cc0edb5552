using System.Security.Cryptography;
using System.Text;

namespace Squad.Server;

/// <summary>
/// Checks GitHub's webhook signature: <c>X-Hub-Signature-256</c> is <c>sha256=</c> and the lowercase hex
/// HMAC-SHA256 of the raw body under the webhook secret, compared in constant time.
/// </summary>
internal sealed class GitHubWebhookVerifier(string secret)
{
    private const string Prefix = "sha256=";

    private readonly byte[] key = Encoding.UTF8.GetBytes(secret);

    /// <param name="signature">The <c>X-Hub-Signature-256</c> header.</param>
    /// <param name="body">The body exactly as received.</param>
    public SignatureCheck Verify(string? signature, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return SignatureCheck.Missing;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(body));
        var actual = Encoding.ASCII.GetBytes(signature.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(expected, actual) ? SignatureCheck.Valid : SignatureCheck.BadSignature;
    }

    /// <summary>The header GitHub would send for <paramref name="body"/>.</summary>
    public string Sign(ReadOnlySpan<byte> body) => Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, body));
}
