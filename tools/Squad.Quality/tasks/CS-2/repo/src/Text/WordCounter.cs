namespace Text;

public static class WordCounter
{
    public static int Count(string text) => text.Split(' ').Length;
}
