using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Squad.Core.Orchestration;

namespace Squad.Core.Tools;

/// <summary>
/// What a file holds, known without reading it: Squad registers the files it writes as a revision's blobs, with the exact
/// stamp each had once written (inode, size, modification and change times, links), and the content of a blob is kept
/// once a file read whole hashed to it. A search then stamps a file (one <c>statx</c>) and, when the stamp is still the
/// registered one, uses the blob's content instead of opening and reading the file: every squad's trees are copies of the
/// same revision, so a repository's files are read about once per run instead of once per search. Any write, link,
/// rename over or permission change gives a file a new change time, which the kernel sets and no command can choose;
/// the stamps are registered only once the file clock is past them (<see cref="TreeStamps.WaitPast"/>), so a change
/// made after registration never shares its tick. It is the trust git places in its index, and content is kept only
/// when it hashes to the blob's object id, so what a search is given is the blob or the file itself, never anything else.
/// </summary>
internal static class KnownContents
{
    /// <summary>Larger files are read each time (a search reads no more of a file than this anyway).</summary>
    internal const int MaxFileBytes = SafeFiles.MaxFileBytes;

    /// <summary>Kept content in all; past it, no more is kept (files are read as before).</summary>
    internal const long MaxBytes = 256L << 20;

    /// <summary>
    /// Registered files at most (about 130 bytes each); past it the registry starts again: stamps of deleted trees only
    /// take room, and a live tree's files forgotten are read as before. An 8-issue run writes some 60 trees.
    /// </summary>
    private const int MaxFiles = 1 << 18;

    private const ushort TypeMask = 0xF000;
    private const ushort RegularFile = 0x8000;

    private static readonly ConcurrentDictionary<(ulong Device, ulong Inode), (FileStamp Stamp, BlobId Blob)> Files = new();
    private static readonly ConcurrentDictionary<BlobId, byte[]> Contents = new();
    private static readonly ConcurrentDictionary<ulong, bool> Devices = new();
    private static long keptBytes;

    /// <summary>
    /// Registers <paramref name="stamps"/> (by path, taken after Squad wrote the files and the clock moved past them) as
    /// the blobs <paramref name="entries"/> (the revision's) names: regular files with one name, not too large. A tree
    /// with attributes (<c>.gitattributes</c>: line endings, filters) is not registered: its files need not be its blobs.
    /// </summary>
    public static void Register(IReadOnlyDictionary<string, FileStamp> stamps, IEnumerable<WorktreeIndex.Entry> entries)
    {
        var blobs = new Dictionary<string, BlobId>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry.Path == ".gitattributes" || entry.Path.EndsWith("/.gitattributes", StringComparison.Ordinal))
            {
                return;
            }

            if (entry.Mode is WorktreeIndex.RegularFile or WorktreeIndex.ExecutableFile && BlobId.From(entry.ObjectId) is { } blob)
            {
                blobs[entry.Path] = blob;
            }
        }

        if (Files.Count > MaxFiles)
        {
            Files.Clear();
        }

        foreach (var (path, stamp) in stamps)
        {
            if (stamp.Single && (stamp.Mode & TypeMask) == RegularFile && stamp.Size <= MaxFileBytes && blobs.TryGetValue(path, out var blob))
            {
                Files[(stamp.Device, stamp.Inode)] = (stamp, blob);
                Devices.TryAdd(stamp.Device, true);
            }
        }
    }

    /// <summary>Whether any file on the file system <paramref name="device"/> was registered: else a search does not stamp its files first.</summary>
    public static bool Covers(ulong device) => Devices.ContainsKey(device);

    /// <summary>The content of the file stamped <paramref name="now"/>, when it is still as registered and its blob's content is kept.</summary>
    public static byte[]? Find(in FileStamp now)
        => Files.TryGetValue((now.Device, now.Inode), out var known) && known.Stamp == now
            && Contents.TryGetValue(known.Blob, out var content) && content.Length == (long)now.Size
            ? content
            : null;

    /// <summary>
    /// Offers <paramref name="content"/>, just read whole from the file stamped <paramref name="before"/> (taken before
    /// the read): kept when the file is registered with that stamp and the content hashes to its blob.
    /// </summary>
    public static void Offer(in FileStamp before, ReadOnlySpan<byte> content)
    {
        if (Files.TryGetValue((before.Device, before.Inode), out var known) && known.Stamp == before && content.Length == (long)before.Size)
        {
            TryKeep(known.Blob, content, null);
        }
    }

    /// <summary>The kept content of <paramref name="blob"/>, if any.</summary>
    public static byte[]? Content(BlobId blob) => Contents.TryGetValue(blob, out var content) ? content : null;

    /// <summary>
    /// Keeps <paramref name="content"/>, read from git's objects as <paramref name="blob"/> (<see cref="CommitFiles"/>), when
    /// it hashes to that id and room is left: a later search of any tree holding the blob answers from it.
    /// </summary>
    public static void Keep(BlobId blob, byte[] content) => TryKeep(blob, content, content);

    /// <summary>Keeps <paramref name="content"/> as <paramref name="blob"/> (<paramref name="array"/> when it is one already) if room is left and it hashes to that id.</summary>
    private static void TryKeep(BlobId blob, ReadOnlySpan<byte> content, byte[]? array)
    {
        if (content.Length > MaxFileBytes || Contents.ContainsKey(blob) || Interlocked.Read(ref keptBytes) + content.Length > MaxBytes
            || BlobId.Of(content) != blob)
        {
            return;
        }

        if (Contents.TryAdd(blob, array ?? content.ToArray()))
        {
            Interlocked.Add(ref keptBytes, content.Length);
        }
    }

    /// <summary>Forgets everything (tests).</summary>
    internal static void Clear()
    {
        Files.Clear();
        Contents.Clear();
        Devices.Clear();
        Interlocked.Exchange(ref keptBytes, 0);
    }
}

/// <summary>A git blob's SHA-1 object id.</summary>
internal readonly record struct BlobId(ulong High, ulong Middle, uint Low)
{
    private const int Bytes = 20;

    /// <summary>The id of 40 hexadecimal digits; null for any other (a SHA-256 repository's).</summary>
    public static BlobId? Parse(ReadOnlySpan<char> hex)
    {
        Span<byte> bytes = stackalloc byte[Bytes];
        return hex.Length == Bytes * 2 && Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done && written == Bytes
            ? From(bytes)
            : null;
    }

    /// <summary>The id of 20 bytes; null for any other length.</summary>
    public static BlobId? From(ReadOnlySpan<byte> bytes)
        => bytes.Length == Bytes
            ? new BlobId(System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes), System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
                System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]))
            : null;

    /// <summary>The id git gives <paramref name="content"/> as a blob: SHA-1 of "blob LENGTH\0" and the content.</summary>
    public static BlobId Of(ReadOnlySpan<byte> content)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        hash.AppendData(Encoding.ASCII.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"blob {content.Length}\0")));
        hash.AppendData(content);
        Span<byte> id = stackalloc byte[Bytes];
        hash.GetHashAndReset(id);
        return From(id)!.Value;
    }
}
