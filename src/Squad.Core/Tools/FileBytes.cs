namespace Squad.Core.Tools;

/// <summary>The first bytes of a file, read up to a limit, and the file's length when it was opened.</summary>
internal sealed record FileBytes
{
    public required byte[] Bytes { get; init; }

    /// <summary>The whole file's length in bytes; more than <see cref="Bytes"/> holds when the read stopped at the limit.</summary>
    public required long Length { get; init; }

    public bool Truncated => Length > Bytes.Length;
}
