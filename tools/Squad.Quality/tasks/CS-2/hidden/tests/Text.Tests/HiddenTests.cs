namespace Text.Tests;

public class HiddenTests
{
    [Fact]
    public void Counts()
    {
        Assert.Equal(2, WordCounter.Count("one  two"));
        Assert.Equal(0, WordCounter.Count(""));
        Assert.Equal(3, WordCounter.Count("a\tb\nc"));
        Assert.Equal(1, WordCounter.Count("  word  "));
    }
}
