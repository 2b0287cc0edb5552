using System.Text;

namespace Squad.Sandbox.Tests;

public sealed class OutputBufferTests
{
    [Fact]
    public void ShortOutput_IsKeptWhole()
    {
        var buffer = new OutputBuffer(1024);

        buffer.Append("héllo "u8);
        buffer.Append("world"u8);

        Assert.Equal("héllo world", buffer.Render());
        Assert.Equal(12, buffer.TotalBytes);
    }

    [Fact]
    public void LongOutput_KeepsFirstAndLastBytes_AndSaysWhatWasCut()
    {
        var buffer = new OutputBuffer(1024);
        for (var i = 0; i < 10_000; i++)
        {
            buffer.Append(Encoding.UTF8.GetBytes($"{i:D5}\n"));
        }

        var text = buffer.Render();

        Assert.True(text.Length <= 1024, $"{text.Length}");
        Assert.StartsWith("00000\n00001\n", text, StringComparison.Ordinal);
        Assert.EndsWith("09998\n09999\n", text, StringComparison.Ordinal);
        Assert.Contains("bytes of output cut here: 60,000 in all", text, StringComparison.Ordinal);
        Assert.Equal(60_000, buffer.TotalBytes);
    }

    [Fact]
    public void ChunkLargerThanTheTail_KeepsItsEnd()
    {
        var buffer = new OutputBuffer(1024);

        buffer.Append(Encoding.ASCII.GetBytes(new string('a', 5000) + "end"));

        Assert.EndsWith("aend", buffer.Render(), StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidUtf8_IsReplaced_NotThrown()
    {
        var buffer = new OutputBuffer(1024);

        buffer.Append([0x66, 0xff, 0x6f]);

        Assert.Equal("f\uFFFDo", buffer.Render());
    }
}
