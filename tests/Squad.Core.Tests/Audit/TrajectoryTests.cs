using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.AI;
using Squad.Core.Agents;
using Squad.Core.Audit;
using Squad.Core.Security;
using Squad.Testing;

namespace Squad.Core.Tests.Audit;

/// <summary>
/// The conversation of every model call kept content-addressed beside the audit record: redacted, named by the record's
/// hashes, read back whole, and any change to what is kept found instead of shown.
/// </summary>
public sealed class TrajectoryTests
{
    private const string Secret = "sk-live-0123456789abcdef";
    private static readonly AgentInvocation Developer = new() { RunId = "run-1", IssueIdentifier = "CALC-1", Role = "developer", Pass = 1, Model = "openai:gpt-4.1" };
    private readonly InMemoryAuditLog log = new();
    private readonly MemoryStore store = new();

    [Fact]
    public async Task Call_IsKeptUnderTheRecordsHashesAndReadsBackWhole()
    {
        var record = await CallAsync();

        var request = await new Trajectories(store).ReadRequestAsync(record.RequestSha256);
        var response = await new Trajectories(store).ReadResponseAsync(record.ResponseSha256);

        Assert.Equal(["system", "user", "assistant", "tool"], request.Select(m => m.GetProperty("role").GetString()));
        Assert.Equal("You are the Developer.", request[0].GetProperty("contents")[0].GetProperty("text").GetString());
        Assert.Equal("read_file", request[2].GetProperty("contents")[0].GetProperty("name").GetString());
        Assert.Equal("done", Assert.Single(response).GetProperty("contents")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task Call_WithoutSecrets_HasTheSameHashesAsBefore()
    {
        var record = await CallAsync(secret: false);

        Assert.Equal(AuditHash.OfRequest(Conversation(secret: false), null), record.RequestSha256);
    }

    [Fact]
    public async Task Call_SecretInAToolResult_IsRedactedInEveryPieceKept()
    {
        _ = await CallAsync();

        Assert.NotEmpty(store.Pieces);
        Assert.All(store.Pieces.Values, piece => Assert.DoesNotContain(Secret, Encoding.UTF8.GetString(piece), StringComparison.Ordinal));
        Assert.Contains(store.Pieces.Values, piece => Encoding.UTF8.GetString(piece).Contains(SecretRedactor.Mask, StringComparison.Ordinal));
    }

    [Fact]
    public async Task TamperedMessage_IsFoundAndNotShown()
    {
        var record = await CallAsync();
        var name = store.Pieces.First(p => Encoding.UTF8.GetString(p.Value).Contains("You are the Developer.", StringComparison.Ordinal)).Key;
        store.Pieces[name] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(store.Pieces[name]).Replace("Developer", "Reviewer", StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<SquadException>(() => new Trajectories(store).ReadRequestAsync(record.RequestSha256));

        Assert.Equal(SquadErrorCode.Storage, ex.Code);
        Assert.Contains("was changed after it was recorded", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManifestPointingAtOtherPieces_IsFound()
    {
        var record = await CallAsync();
        var manifest = Encoding.UTF8.GetString(store.Pieces[record.RequestSha256]);
        var names = System.Text.Json.JsonDocument.Parse(manifest).RootElement.GetProperty("messages").EnumerateArray().Select(e => e.GetString()!).ToList();
        store.Pieces[record.RequestSha256] = Encoding.UTF8.GetBytes(manifest.Replace(names[3], names[1], StringComparison.Ordinal));

        var ex = await Assert.ThrowsAsync<SquadException>(() => new Trajectories(store).ReadRequestAsync(record.RequestSha256));

        Assert.Contains("its pieces do not hash to the audit record's hash", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingPiece_SaysSo()
    {
        var record = await CallAsync();
        store.Pieces.TryRemove(store.Pieces.Keys.First(k => k != record.RequestSha256 && k != record.ResponseSha256), out _);

        var ex = await Assert.ThrowsAsync<SquadException>(() => new Trajectories(store).ReadRequestAsync(record.RequestSha256));

        Assert.Contains("is missing", ex.Message, StringComparison.Ordinal);
    }

    private async Task<ModelCallRecord> CallAsync(bool secret = true)
    {
        var trail = await AuditTrail.StartAsync(log, PriceTable.Empty, Budgets.None, new SecretRedactor([Secret]), new FakeTimeProvider(), "milestones/calc", store);
        var client = trail.Observe(new FakeAgentModelProvider(new QueueChatClient(new ChatResponse(new ChatMessage(ChatRole.Assistant, "done"))))).GetClient(Developer);
        await client.GetResponseAsync(Conversation(secret));
        return Assert.Single(log.ModelCalls);
    }

    private static List<ChatMessage> Conversation(bool secret) =>
    [
        new(ChatRole.System, "You are the Developer."),
        new(ChatRole.User, "Implement CALC-1"),
        new(ChatRole.Assistant, [new FunctionCallContent("call_1", "read_file", new Dictionary<string, object?> { ["path"] = "config.txt" })]),
        new(ChatRole.Tool, [new FunctionResultContent("call_1", secret ? $"key={Secret}" : "key=none")]),
    ];

    private sealed class MemoryStore : ITrajectoryStore
    {
        public ConcurrentDictionary<string, byte[]> Pieces { get; } = new(StringComparer.Ordinal);

        public Task PutAsync(string name, ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
        {
            Pieces.TryAdd(name, content.ToArray());
            return Task.CompletedTask;
        }

        public Task<byte[]?> GetAsync(string name, CancellationToken cancellationToken = default)
            => Task.FromResult(Pieces.TryGetValue(name, out var piece) ? piece : null);
    }
}
