using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.AI;
using Squad.Core.Audit;

namespace Squad.Core.Tests.Audit;

public sealed class AuditHashTests
{
    [Fact]
    public void OfResponse_TextAnswer_IsTheSha256OfItsCanonicalJson()
    {
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "hi")) { ResponseId = "ignored", ModelId = "ignored" };

        var hash = AuditHash.OfResponse(response);

        var canonical = """{"messages":[{"role":"assistant","contents":[{"type":"text","text":"hi"}]}]}""";
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical))), hash);
    }

    [Fact]
    public void OfRequest_ToolCallArgumentsInAnotherOrder_GiveTheSameHash()
    {
        var first = Call(("path", "a.txt"), ("content", "x"));
        var second = Call(("content", "x"), ("path", "a.txt"));

        Assert.Equal(AuditHash.OfRequest([first], null), AuditHash.OfRequest([second], null));
    }

    [Fact]
    public void OfRequest_OneCharacterChanged_GivesAnotherHash()
    {
        var before = AuditHash.OfRequest([new ChatMessage(ChatRole.User, "Implement CALC-1")], null);
        var after = AuditHash.OfRequest([new ChatMessage(ChatRole.User, "Implement CALC-2")], null);

        Assert.NotEqual(before, after);
    }

    [Fact]
    public void OfRequest_ToolResultsAndTheirCallIds_CountInTheHash()
    {
        ChatMessage Result(string callId) => new(ChatRole.Tool, [new FunctionResultContent(callId, "ok")]);

        Assert.NotEqual(AuditHash.OfRequest([Result("call_1")], null), AuditHash.OfRequest([Result("call_2")], null));
    }

    private static ChatMessage Call(params (string Name, string Value)[] arguments)
        => new(ChatRole.Assistant, [new FunctionCallContent("call_1", "write_file", arguments.ToDictionary(a => a.Name, a => (object?)a.Value))]);
}
