using System.Text;
using Squad.Testing;

namespace Squad.Server.Tests;

public sealed class SlackSignatureVerifierTests
{
    internal const string VectorTimestamp = "1531420618";

    internal const string VectorBody = "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c";

    internal const string VectorSignature = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";

    internal static FakeTimeProvider VectorClock(int secondsLater = 0)
        => new(DateTimeOffset.FromUnixTimeSeconds(long.Parse(VectorTimestamp, System.Globalization.CultureInfo.InvariantCulture) + secondsLater));

    [Fact]
    public void Verify_SlackPublishedExample_IsValid()
    {
        var verifier = new SlackSignatureVerifier(SlackHarness.SigningSecret, VectorClock());

        Assert.Equal(SignatureCheck.Valid, verifier.Verify(VectorTimestamp, VectorSignature, Encoding.UTF8.GetBytes(VectorBody)));
    }

    [Theory]
    [InlineData(300, SignatureCheck.Valid)]
    [InlineData(301, SignatureCheck.Stale)]
    [InlineData(-301, SignatureCheck.Stale)]
    public void Verify_TimestampAge_RefusedPastFiveMinutes(int secondsLater, SignatureCheck expected)
    {
        var verifier = new SlackSignatureVerifier(SlackHarness.SigningSecret, VectorClock(secondsLater));

        Assert.Equal(expected, verifier.Verify(VectorTimestamp, VectorSignature, Encoding.UTF8.GetBytes(VectorBody)));
    }

    [Theory]
    [InlineData(null, VectorSignature, SignatureCheck.Missing)]
    [InlineData(VectorTimestamp, null, SignatureCheck.Missing)]
    [InlineData("soon", VectorSignature, SignatureCheck.Missing)]
    [InlineData(VectorTimestamp, "v1=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503", SignatureCheck.BadSignature)]
    [InlineData(VectorTimestamp, "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b504", SignatureCheck.BadSignature)]
    [InlineData(VectorTimestamp, "v0=short", SignatureCheck.BadSignature)]
    public void Verify_MissingOrWrongHeaders_AreRefused(string? timestamp, string? signature, SignatureCheck expected)
    {
        var verifier = new SlackSignatureVerifier(SlackHarness.SigningSecret, VectorClock());

        Assert.Equal(expected, verifier.Verify(timestamp, signature, Encoding.UTF8.GetBytes(VectorBody)));
    }

    [Fact]
    public void Sign_SlackPublishedExample_MatchesItsSignature()
    {
        var verifier = new SlackSignatureVerifier(SlackHarness.SigningSecret, VectorClock());

        Assert.Equal(VectorSignature, verifier.Sign(VectorTimestamp, Encoding.UTF8.GetBytes(VectorBody)));
    }
}
