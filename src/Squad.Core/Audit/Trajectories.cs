using System.Text;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Squad.Core.Security;

namespace Squad.Core.Audit;

/// <summary>
/// Stores and reads back the conversation of every model call, content-addressed. Each message (redacted) is a piece
/// named by its own SHA-256; each request and response is a manifest listing its pieces, named by the SHA-256 the audit
/// record holds for it (<see cref="ModelCallRecord.RequestSha256"/>, <see cref="ModelCallRecord.ResponseSha256"/>).
/// Reading reassembles the canonical JSON and checks every hash: a changed piece or manifest is found, never shown.
/// Messages repeat from one call to the next, so each is stored once.
/// </summary>
public sealed class Trajectories(ITrajectoryStore store)
{
    /// <summary>Stores one call (redacted through <paramref name="redactor"/>) and answers the request and response hashes.</summary>
    public Task<(string Request, string Response)> StoreAsync(
        IReadOnlyList<ChatMessage> request, ChatOptions? options, ChatResponse response, SecretRedactor redactor, CancellationToken cancellationToken = default)
        => StoreAsync(request, options, response, new MessagePieces(redactor), cancellationToken);

    /// <summary>Stores one call, each message redacted and serialized once for all the calls of its conversation.</summary>
    internal async Task<(string Request, string Response)> StoreAsync(
        IReadOnlyList<ChatMessage> request, ChatOptions? options, ChatResponse response, MessagePieces pieces, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        var asked = request.Select(pieces.Of).ToList();
        var answered = response.Messages.Select(pieces.Of).ToList();
        var tools = pieces.ToolsOf(options);
        foreach (var piece in asked.Concat(answered).Append(tools).Where(p => !p.Stored))
        {
            await store.PutAsync(piece.Hash, piece.Bytes, cancellationToken);
            piece.Stored = true;
        }

        var (requestHash, responseHash) = HashOf(asked, answered, tools);
        await store.PutAsync(requestHash, Manifest(asked, tools), cancellationToken);
        await store.PutAsync(responseHash, Manifest(answered, null), cancellationToken);
        return (requestHash, responseHash);
    }

    /// <summary>The request and response hashes of a call, redacted as <see cref="StoreAsync(IReadOnlyList{ChatMessage}, ChatOptions?, ChatResponse, SecretRedactor, CancellationToken)"/> keeps it, without storing it.</summary>
    public static (string Request, string Response) Hash(IReadOnlyList<ChatMessage> request, ChatOptions? options, ChatResponse response, SecretRedactor redactor)
        => Hash(request, options, response, new MessagePieces(redactor));

    internal static (string Request, string Response) Hash(IReadOnlyList<ChatMessage> request, ChatOptions? options, ChatResponse response, MessagePieces pieces)
    {
        ArgumentNullException.ThrowIfNull(response);
        return HashOf([.. request.Select(pieces.Of)], [.. response.Messages.Select(pieces.Of)], pieces.ToolsOf(options));
    }

    private static (string Request, string Response) HashOf(List<MessagePieces.Piece> asked, List<MessagePieces.Piece> answered, MessagePieces.Piece tools)
        => (AuditHash.Sha256(AuditHash.Request([.. asked.Select(p => p.Bytes)], tools.Bytes)), AuditHash.Sha256(AuditHash.Response([.. answered.Select(p => p.Bytes)])));

    /// <summary>The messages of a request, checked against <paramref name="hash"/>; a <see cref="SquadException"/> when missing or changed.</summary>
    public Task<IReadOnlyList<JsonElement>> ReadRequestAsync(string hash, CancellationToken cancellationToken = default)
        => ReadAsync(hash, request: true, cancellationToken);

    /// <summary>The messages of a response, checked against <paramref name="hash"/>.</summary>
    public Task<IReadOnlyList<JsonElement>> ReadResponseAsync(string hash, CancellationToken cancellationToken = default)
        => ReadAsync(hash, request: false, cancellationToken);

    private async Task<IReadOnlyList<JsonElement>> ReadAsync(string hash, bool request, CancellationToken cancellationToken)
    {
        var manifest = await store.GetAsync(hash, cancellationToken) ?? throw Missing(hash);
        List<string> names;
        string? toolsName;
        try
        {
            using var document = JsonDocument.Parse(manifest);
            names = [.. document.RootElement.GetProperty("messages").EnumerateArray().Select(e => e.GetString() ?? "")];
            toolsName = document.RootElement.TryGetProperty("tools", out var tools) ? tools.GetString() : null;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw Tampered(hash, "its manifest is not a trajectory manifest");
        }

        var pieces = new List<byte[]>();
        foreach (var name in names)
        {
            pieces.Add(await PieceAsync(name, hash, cancellationToken));
        }

        var whole = request
            ? AuditHash.Request(pieces, await PieceAsync(toolsName ?? throw Tampered(hash, "its manifest names no tools"), hash, cancellationToken))
            : AuditHash.Response(pieces);
        if (AuditHash.Sha256(whole) != hash)
        {
            throw Tampered(hash, "its pieces do not hash to the audit record's hash");
        }

        return [.. pieces.Select(p => JsonDocument.Parse(p).RootElement.Clone())];
    }

    private async Task<byte[]> PieceAsync(string name, string of, CancellationToken cancellationToken)
    {
        var piece = await store.GetAsync(name, cancellationToken) ?? throw Missing(name);
        return AuditHash.Sha256(piece) == name ? piece : throw Tampered(of, $"the piece {name[..12]} does not match its hash");
    }

    private static byte[] Manifest(List<MessagePieces.Piece> messages, MessagePieces.Piece? tools)
    {
        var names = string.Join(',', messages.Select(m => $"\"{m.Hash}\""));
        var json = tools is null ? $"{{\"messages\":[{names}]}}" : $"{{\"messages\":[{names}],\"tools\":\"{tools.Hash}\"}}";
        return Encoding.UTF8.GetBytes(json);
    }

    private static SquadException Missing(string hash)
        => new(SquadErrorCode.Storage, $"the trajectory piece {hash[..Math.Min(12, hash.Length)]} is missing from the data directory: the record cannot be shown");

    private static SquadException Tampered(string hash, string why)
        => new(SquadErrorCode.Storage, $"the trajectory {hash[..Math.Min(12, hash.Length)]} was changed after it was recorded ({why}): it is not shown");
}
