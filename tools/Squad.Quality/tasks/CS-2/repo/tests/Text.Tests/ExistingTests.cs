namespace Text.Tests;

public class ExistingTests
{
    [Fact]
    public void Three_words() => Assert.Equal(3, WordCounter.Count("one two three"));
}
