using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Squad.Core.Git;

namespace Squad.Core.Orchestration;

/// <summary>
/// Writes a work tree's git index (version 2, SHA-1 object names) for files Squad knows hold a revision's content: a spent
/// copy turned into that revision (<see cref="CopyWriter"/>), every kept file checked by its stamp. The entries carry the
/// files' real status, so git sees them clean without reading them; a file written in the same second as the index is
/// one git reads again to be sure (its racy-file rule), as after any checkout, unless the files were backdated first
/// (<see cref="TreeStamps.Backdate"/>).
/// </summary>
internal static class WorktreeIndex
{
    private const int HashBytes = 20;

    /// <summary>The mode of a submodule's entry (a commit, no file of its own).</summary>
    internal const int Gitlink = 0xE000;

    /// <summary>The modes of a regular file's entry: 100644 and 100755.</summary>
    internal const int RegularFile = 0x81A4, ExecutableFile = 0x81ED;

    /// <summary>One path of a revision, as <c>git ls-tree -r</c> gives it.</summary>
    internal sealed record Entry(string Path, int Mode, byte[] ObjectId);

    /// <summary>An entry as git prints it (octal mode, hexadecimal object id, path); null for an object id that is not SHA-1.</summary>
    internal static Entry? Parse(string mode, string objectId, string path)
        => objectId.Length != HashBytes * 2 ? null
            : new Entry(path, int.Parse(mode, NumberStyles.None, CultureInfo.InvariantCulture) switch
            {
                100644 => RegularFile,
                100755 => ExecutableFile,
                120000 => 0xA000,
                160000 => Gitlink,
                var other => throw new IOException($"git gave an unknown mode {other} for {path}"),
            }, Convert.FromHexString(objectId));

    /// <summary>Every path of <paramref name="revision"/>; null when the repository names objects by SHA-256 (its index is another format).</summary>
    public static async Task<List<Entry>?> ReadTreeAsync(GitCli git, string repository, string revision, CancellationToken cancellationToken)
    {
        var listing = await git.RunAsync(repository, ["ls-tree", "-r", "-z", "--full-tree", revision], cancellationToken: cancellationToken);
        var entries = new List<Entry>();
        foreach (var record in listing.Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            // <mode> SP <type> SP <object> TAB <path>
            var tab = record.IndexOf('\t', StringComparison.Ordinal);
            var fields = record[..tab].Split(' ');
            if (Parse(fields[0], fields[2], record[(tab + 1)..]) is not { } entry)
            {
                return null;
            }

            entries.Add(entry);
        }

        return entries;
    }

    /// <summary>
    /// Writes the index at <paramref name="indexPath"/> (aside, then renamed into place): every entry with the status of its
    /// file in <paramref name="files"/>; a submodule's entry has none, as git writes it.
    /// </summary>
    public static void Write(string indexPath, IEnumerable<Entry> entries, IReadOnlyDictionary<string, FileStamp> files)
    {
        var sorted = entries.Select(entry => (Entry: entry, Name: Encoding.UTF8.GetBytes(entry.Path))).ToList();
        sorted.Sort((a, b) => a.Name.AsSpan().SequenceCompareTo(b.Name));
        using var buffer = new MemoryStream();
        var word = new byte[4];
        void Put(uint value)
        {
            BinaryPrimitives.WriteUInt32BigEndian(word, value);
            buffer.Write(word);
        }

        buffer.Write("DIRC"u8);
        Put(2);
        Put((uint)sorted.Count);
        foreach (var (entry, name) in sorted)
        {
            var stamp = default(FileStamp);
            if (entry.Mode != 0xE000 && !files.TryGetValue(entry.Path, out stamp))
            {
                throw new IOException($"the work tree has no file at {entry.Path}");
            }

            if (entry.Mode != 0xE000 && (stamp.Mode & 0xF000) != (entry.Mode & 0xF000))
            {
                throw new IOException($"{entry.Path} is not of the type its revision gives it");
            }

            Put((uint)stamp.ChangedSeconds);
            Put(stamp.ChangedNanoseconds);
            Put((uint)stamp.ModifiedSeconds);
            Put(stamp.ModifiedNanoseconds);
            Put((uint)stamp.Device);
            Put((uint)stamp.Inode);
            Put((uint)entry.Mode);
            Put(stamp.Uid);
            Put(stamp.Gid);
            Put((uint)stamp.Size);
            buffer.Write(entry.ObjectId);
            BinaryPrimitives.WriteUInt16BigEndian(word, (ushort)Math.Min(name.Length, 0xFFF));
            buffer.Write(word, 0, 2);
            buffer.Write(name);

            // NUL padding to a multiple of eight bytes, at least one: 62 bytes before the name.
            var length = 62 + name.Length;
            buffer.Write(new byte[8 - (length % 8)]);
        }

        // git names the index's checksum by the repository's hash: SHA-1 here.
#pragma warning disable CA5350
        var checksum = SHA1.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
#pragma warning restore CA5350
        buffer.Write(checksum);
        var aside = indexPath + ".squad";
        File.WriteAllBytes(aside, buffer.ToArray());
        File.Move(aside, indexPath, overwrite: true);
    }
}
