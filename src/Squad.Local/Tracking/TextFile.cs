using System.Text;

namespace Squad.Local.Tracking;

/// <summary>Reads and atomically rewrites UTF-8 text files, keeping a byte order mark when there was one.</summary>
internal static class TextFile
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static async Task<(string Text, bool HasBom)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var hasBom = bytes.AsSpan().StartsWith(Bom);
        var text = Utf8.GetString(hasBom ? bytes.AsSpan(Bom.Length) : bytes);
        return (text, hasBom);
    }

    /// <summary>Writes a temporary file beside the target, then moves it over the target in one step.</summary>
    public static async Task WriteAtomicAsync(string path, string text, bool hasBom, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var content = Utf8.GetBytes(text);
            await File.WriteAllBytesAsync(temporary, hasBom ? [.. Bom, .. content] : content, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
