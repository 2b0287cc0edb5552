using System.Text;
using Squad.Core.Domain;
using Squad.Core.Forge;
using Squad.Core.Security;
using Squad.Core.Tests.Tracking;
using Squad.Core.Tracking;

namespace Squad.Core.Tests.Forge;

/// <summary>Every text Squad writes to the code host or the tracker passes one redacting gate, encoded secrets included.</summary>
public sealed class RedactingGateTests
{
    private const string Secret = "canary-9f8e7d6c5b4a";
    private static readonly string Base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes("k=" + Secret));
    private static readonly string Hex = Convert.ToHexString(Encoding.UTF8.GetBytes(Secret)).ToLowerInvariant();
    private static readonly Identity Author = new() { Name = "Dev", Email = "dev@squad.local", Login = "dev" };
    private readonly SecretRedactor redactor = new([Secret]);

    [Fact]
    public async Task CodeHost_EveryWrittenText_IsRedacted()
    {
        var inner = new RecordingCodeHost();
        var host = new RedactingCodeHost(inner, redactor);

        await host.CreatePullRequestAsync("acme/app", new NewPullRequest
        {
            Title = $"ENG-1 {Secret}",
            Body = $"Body {Base64}",
            HeadBranch = "squad/eng-1",
            BaseBranch = "main",
            Author = Author,
        });
        await host.CommentAsync("acme/app", 1, Author, $"see {Hex}");
        await host.SubmitReviewAsync("acme/app", 1, new ReviewSubmission { Reviewer = Author, Verdict = Verdict.Approve, Body = Base64, CommitSha = new string('a', 40) });
        await host.MergeAsync("acme/app", 1, new MergeRequest { ExpectedHeadSha = new string('a', 40), CommitTitle = Secret, CommitMessage = $"m {Hex}", Merger = Author });

        Assert.Equal(6, inner.Written.Count);
        Assert.All(inner.Written, text => Assert.False(redactor.ContainsSecret(text), text));
        Assert.All(inner.Written, text => Assert.Contains(SecretRedactor.Mask, text, StringComparison.Ordinal));
        Assert.Equal("see [REDACTED]", inner.Written[2]);
    }

    [Fact]
    public async Task Tracker_CommentAndLinkTitle_AreRedacted()
    {
        var inner = new RecordingIssueTracker();
        var tracker = new RedactingIssueTracker(inner, redactor);

        await tracker.CommentAsync("ENG-1", $"Squad stopped: {Base64}");
        await tracker.LinkPullRequestAsync("ENG-1", "http://forge/1", $"PR {Hex}");

        // Base64 characters that mix the secret's bits with its neighbours' stay: they hold no secret.
        Assert.Matches(@"^Squad stopped: [A-Za-z0-9+/]{0,3}\[REDACTED\][A-Za-z0-9+/=]{0,4}$", inner.Written[0]);
        Assert.Equal("PR [REDACTED]", inner.Written[1]);
        Assert.All(inner.Written, text => Assert.False(redactor.ContainsSecret(text), text));
    }

    [Fact]
    public async Task CodeHost_TextWithoutSecrets_PassesUnchanged()
    {
        var inner = new RecordingCodeHost();

        await new RedactingCodeHost(inner, redactor).CommentAsync("acme/app", 1, Author, "All checks pass: 9f8e7d6c, aGVsbG8=");

        Assert.Equal(["All checks pass: 9f8e7d6c, aGVsbG8="], inner.Written);
    }

    [Fact]
    public async Task Tracker_CommentWithAnEffectMarker_KeepsTheMarkerWhole()
    {
        var inner = new RecordingIssueTracker();
        var tracker = new RedactingIssueTracker(inner, redactor);
        var marker = Squad.Core.Orchestration.SquadJournal.Marker("ENG-1", "tracker:refused:" + new string('f', 64));

        await tracker.CommentAsync("ENG-1", $"Squad cannot take this issue yet: {Secret}\n\n{marker}");

        Assert.Equal($"Squad cannot take this issue yet: {SecretRedactor.Mask}\n\n{marker}", Assert.Single(inner.Written));
        Assert.Equal(inner.Written, await tracker.ListCommentsAsync("ENG-1"));
    }
}
