using System.Text;

namespace Squad.Core.Tools;

/// <summary>A tool's answer built line by line that stops, and says so, before it floods the model's context.</summary>
internal sealed class CappedOutput(int maxLines, int maxCharacters)
{
    private readonly StringBuilder text = new();

    public int Lines { get; private set; }

    /// <summary>Set once a line was refused: the answer is incomplete.</summary>
    public bool Full { get; private set; }

    /// <summary>Adds a line, or refuses it (and every later one) when it would pass either limit.</summary>
    public bool TryAppend(string line)
    {
        if (Full || Lines >= maxLines || text.Length + line.Length + 1 > maxCharacters)
        {
            Full = true;
            return false;
        }

        if (Lines > 0)
        {
            text.Append('\n');
        }

        text.Append(line);
        Lines++;
        return true;
    }

    /// <summary>
    /// <paramref name="line"/> cut to <paramref name="maxLength"/> characters, then "…": one minified line must not
    /// spend the whole answer.
    /// </summary>
    public static string Cap(string line, int maxLength)
        => line.Length <= maxLength ? line : string.Concat(line.AsSpan(0, maxLength), "…");

    public override string ToString() => text.ToString();
}
