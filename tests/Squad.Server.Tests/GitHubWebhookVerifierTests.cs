using System.Text;

namespace Squad.Server.Tests;

public sealed class GitHubWebhookVerifierTests
{
    // GitHub's published test vector ("Validating webhook deliveries").
    private const string VectorSecret = "It's a Secret to Everybody";
    private const string VectorBody = "Hello, World!";
    private const string VectorSignature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    [Fact]
    public void Verify_GitHubPublishedExample_IsValid()
    {
        var verifier = new GitHubWebhookVerifier(VectorSecret);

        Assert.Equal(SignatureCheck.Valid, verifier.Verify(VectorSignature, Encoding.UTF8.GetBytes(VectorBody)));
        Assert.Equal(VectorSignature, verifier.Sign(Encoding.UTF8.GetBytes(VectorBody)));
    }

    [Theory]
    [InlineData(null, SignatureCheck.Missing)]
    [InlineData("", SignatureCheck.Missing)]
    [InlineData("sha1=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", SignatureCheck.BadSignature)]
    [InlineData("757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", SignatureCheck.BadSignature)]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000", SignatureCheck.BadSignature)]
    public void Verify_MissingOrForgedSignature_IsRefused(string? signature, SignatureCheck expected)
        => Assert.Equal(expected, new GitHubWebhookVerifier(VectorSecret).Verify(signature, Encoding.UTF8.GetBytes(VectorBody)));

    [Fact]
    public void Verify_TamperedBody_IsRefused()
        => Assert.Equal(SignatureCheck.BadSignature, new GitHubWebhookVerifier(VectorSecret).Verify(VectorSignature, Encoding.UTF8.GetBytes(VectorBody + " ")));

    [Fact]
    public void Verify_WrongSecret_IsRefused()
        => Assert.Equal(SignatureCheck.BadSignature, new GitHubWebhookVerifier("another secret").Verify(VectorSignature, Encoding.UTF8.GetBytes(VectorBody)));
}
