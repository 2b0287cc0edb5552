namespace Text.Tests;

public class WordCounterTests
{
    [Fact]
    public void Double_spaces_count_once() => Assert.Equal(2, WordCounter.Count("one  two"));

    [Fact]
    public void An_empty_text_has_no_words() => Assert.Equal(0, WordCounter.Count(""));
}
