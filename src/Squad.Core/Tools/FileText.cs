using System.Text;

namespace Squad.Core.Tools;

/// <summary>How the file tools turn bytes into text and back: UTF-8, a byte order mark kept aside, NUL meaning binary.</summary>
internal static class FileText
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A NUL byte is what git and grep take as the mark of a binary file.</summary>
    public static bool IsBinary(ReadOnlySpan<byte> bytes) => bytes.Contains((byte)0);

    public static bool HasByteOrderMark(ReadOnlySpan<byte> bytes) => bytes.StartsWith(Utf8.Preamble);

    /// <summary>The text, without the UTF-8 byte order mark; invalid sequences become U+FFFD.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes)
        => Utf8.GetString(HasByteOrderMark(bytes) ? bytes[Utf8.Preamble.Length..] : bytes);

    /// <summary>
    /// As <see cref="Decode"/>, into <paramref name="buffer"/> (grown when short): the characters written. For a search that
    /// decodes thousands of files only to find most hold no match, without a string for each.
    /// </summary>
    public static int DecodeInto(ReadOnlySpan<byte> bytes, ref char[] buffer)
    {
        var body = HasByteOrderMark(bytes) ? bytes[Utf8.Preamble.Length..] : bytes;
        var most = Utf8.GetMaxCharCount(body.Length);
        if (buffer.Length < most)
        {
            buffer = new char[Math.Max(most, buffer.Length * 2)];
        }

        return Utf8.GetChars(body, buffer);
    }

    public static byte[] Encode(string text, bool byteOrderMark = false)
    {
        var body = Utf8.GetBytes(text);
        return byteOrderMark ? [.. Utf8.Preamble, .. body] : body;
    }

    /// <summary>The UTF-8 length of <paramref name="text"/>, without encoding it.</summary>
    public static int ByteCount(string text) => Utf8.GetByteCount(text);
}
