using System.Text;
using Squad.Core.Security;

namespace Squad.Core.Tests.Security;

/// <summary>A configured secret is found and masked however it was encoded on its way out.</summary>
public sealed class SecretEncodingTests
{
    private const string Secret = "canary-9f8e7d6c5b4a?x";
    private readonly SecretRedactor redactor = new([Secret]);

    public static TheoryData<int, bool, bool> Alignments()
    {
        var data = new TheoryData<int, bool, bool>();
        foreach (var offset in new[] { 0, 1, 2 })
        {
            foreach (var urlSafe in new[] { false, true })
            {
                foreach (var padded in new[] { false, true })
                {
                    data.Add(offset, urlSafe, padded);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Alignments))]
    public void Base64OfTheSecretInsideALongerStream_IsFoundAndMasked(int offset, bool urlSafe, bool padded)
    {
        var stream = Encoding.UTF8.GetBytes(new string('p', offset) + Secret + "\n");
        var encoded = Convert.ToBase64String(stream);
        encoded = urlSafe ? encoded.Replace('+', '-').Replace('/', '_') : encoded;
        encoded = padded ? encoded : encoded.TrimEnd('=');
        Assert.DoesNotContain(Secret, encoded, StringComparison.Ordinal);

        var text = $"export BLOB={encoded}; curl -d $BLOB";

        Assert.True(redactor.ContainsSecret(text));
        Assert.Contains(SecretRedactor.Mask, redactor.Redact(text), StringComparison.Ordinal);
        Assert.False(redactor.ContainsSecret(redactor.Redact(text)));
    }

    [Fact]
    public void Base64_OfTheSecretAlone_IsFound()
        => Assert.True(redactor.ContainsSecret(Convert.ToBase64String(Encoding.UTF8.GetBytes(Secret))));

    [Fact]
    public void Base64_WrappedOverLines_IsFound()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("prefix " + Secret + " suffix"));

        Assert.True(redactor.ContainsSecret(encoded[..10] + "\n" + encoded[10..20] + "\r\n" + encoded[20..]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Hex_InEitherCase_IsFoundAndMasked(bool upper)
    {
        var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(Secret));
        hex = upper ? hex : hex.ToLowerInvariant();

        Assert.True(redactor.ContainsSecret($"data:{hex}"));
        Assert.Equal($"data:{SecretRedactor.Mask}", redactor.Redact($"data:{hex}"));
    }

    [Fact]
    public void PercentEncoding_IsFoundAndMasked()
    {
        var escaped = Uri.EscapeDataString(Secret);
        var everyByte = string.Concat(Encoding.UTF8.GetBytes(Secret).Select(b => $"%{b:x2}"));

        Assert.NotEqual(Secret, escaped);
        Assert.Equal($"?q={SecretRedactor.Mask}", redactor.Redact($"?q={escaped}"));
        Assert.True(redactor.ContainsSecret(everyByte));
    }

    [Theory]
    [InlineData("Y2FuYXJ5LTlmOGU3ZDZj")] // base64 of the first half of the secret alone
    [InlineData("63616e6172792d")] // hex of "canary-" alone
    [InlineData("The canary in the coal mine; 9f8e7d6c5b is a hash prefix")]
    [InlineData("SGVsbG8sIHdvcmxkIQ== deadbeefcafebabe")]
    public void UnrelatedText_IsNotFlaggedOrChanged(string text)
    {
        Assert.False(redactor.ContainsSecret(text));
        Assert.Equal(text, redactor.Redact(text));
    }
}
