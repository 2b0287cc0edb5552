using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Squad.Core.Security;

namespace Squad.Core.Audit;

/// <summary>
/// The redacted canonical JSON of each message and its hash, worked out once per message object: a pass resends its whole
/// conversation on every call, so without this every call redacts, serializes and hashes every earlier message again
/// (quadratic in the pass's length). A message is immutable once sent in practice; should its contents change (another
/// content, a replaced text), the remembered piece no longer matches the contents it was made from and is made again.
/// </summary>
internal sealed class MessagePieces(SecretRedactor redactor)
{
    private readonly ConditionalWeakTable<ChatMessage, Piece> pieces = new();
    private readonly ConditionalWeakTable<IList<AITool>, Piece> tools = new();
    private readonly Piece noTools = Made(AuditHash.Tools(null), []);

    /// <summary>The message's piece and its hash, and whether a store already holds it (so it need not be put again).</summary>
    public Piece Of(ChatMessage message)
    {
        if (pieces.TryGetValue(message, out var known) && known.Matches(message))
        {
            return known;
        }

        var bytes = AuditHash.Message(message, redactor.Redact);
        var piece = new Piece(bytes, AuditHash.Sha256(bytes), Identity(message));
        pieces.AddOrUpdate(message, piece);
        return piece;
    }

    /// <summary>The canonical tools piece of a call's options: the same tool list object, with the same tools, is serialized once.</summary>
    public Piece ToolsOf(ChatOptions? options)
    {
        if (options?.Tools is not { } list)
        {
            return noTools;
        }

        object[] identity = [.. list];
        if (tools.TryGetValue(list, out var known) && known.Matches(identity))
        {
            return known;
        }

        var piece = Made(AuditHash.Tools(options), identity);
        tools.AddOrUpdate(list, piece);
        return piece;
    }

    private static Piece Made(byte[] bytes, object[] identity) => new(bytes, AuditHash.Sha256(bytes), identity);

    /// <summary>What a piece was made from: the role and every content object and text, by reference.</summary>
    private static object[] Identity(ChatMessage message)
        => [message.Role, .. message.Contents.SelectMany<AIContent, object>(c => c is TextContent t ? [c, t.Text ?? ""] : c is FunctionResultContent r ? [c, r.Result ?? ""] : [c])];

    internal sealed class Piece(byte[] bytes, string hash, object[] identity)
    {
        public byte[] Bytes => bytes;

        public string Hash => hash;

        /// <summary>Set once a store holds the piece.</summary>
        public bool Stored { get; set; }

        public bool Matches(ChatMessage message) => Matches(Identity(message));

        public bool Matches(object[] now)
        {
            if (now.Length != identity.Length)
            {
                return false;
            }

            for (var i = 0; i < now.Length; i++)
            {
                if (!ReferenceEquals(now[i], identity[i]) && !Equals(now[i], identity[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
