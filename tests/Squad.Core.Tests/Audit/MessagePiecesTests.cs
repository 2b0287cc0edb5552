using Microsoft.Extensions.AI;
using Squad.Core.Audit;
using Squad.Core.Security;

namespace Squad.Core.Tests.Audit;

public sealed class MessagePiecesTests
{
    private const string Secret = "sk-test-0123456789abcdefghij";

    [Fact]
    public void Of_TheSameMessageAgain_IsWorkedOutOnce_AndHashesAsAFreshComputation()
    {
        var pieces = new MessagePieces(new SecretRedactor([Secret]));
        var message = new ChatMessage(ChatRole.User, $"read the file; the key is {Secret}");

        var first = pieces.Of(message);
        var again = pieces.Of(message);

        Assert.Same(first, again);
        Assert.Equal(AuditHash.Sha256(AuditHash.Message(message, new SecretRedactor([Secret]).Redact)), first.Hash);
        Assert.DoesNotContain(Secret, System.Text.Encoding.UTF8.GetString(first.Bytes), StringComparison.Ordinal);
    }

    [Fact]
    public void Of_AMessageWhoseContentsChangedSince_IsWorkedOutAgain()
    {
        var pieces = new MessagePieces(new SecretRedactor([]));
        var message = new ChatMessage(ChatRole.Tool, [new FunctionResultContent("call-1", "long output")]);
        var before = pieces.Of(message);

        message.Contents[0] = new FunctionResultContent("call-1", "[elided]");
        var after = pieces.Of(message);
        message.Contents.Add(new TextContent("more"));
        var added = pieces.Of(message);

        Assert.NotEqual(before.Hash, after.Hash);
        Assert.NotEqual(after.Hash, added.Hash);
        Assert.Equal(AuditHash.Sha256(AuditHash.Message(message, text => text)), added.Hash);
    }

    [Fact]
    public void Hash_WithRememberedPieces_EqualsTheHashOfTheWholeRequest()
    {
        var pieces = new MessagePieces(new SecretRedactor([]));
        List<ChatMessage> conversation = [new(ChatRole.System, "you are QA"), new(ChatRole.User, "write a test")];
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "done"));

        Trajectories.Hash(conversation, null, response, pieces);
        conversation.Add(new ChatMessage(ChatRole.Assistant, "next"));
        var (request, _) = Trajectories.Hash(conversation, null, response, pieces);

        Assert.Equal(AuditHash.OfRequest(conversation, null), request);
    }
}
