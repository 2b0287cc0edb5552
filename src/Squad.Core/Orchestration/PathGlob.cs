using System.Text;
using System.Text.RegularExpressions;

namespace Squad.Core.Orchestration;

/// <summary>Glob patterns for protected paths: <c>*</c> within a segment, <c>**</c> across segments.</summary>
public static class PathGlob
{
    public static bool IsMatch(string pattern, string path)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '*' && i + 1 < pattern.Length && pattern[i + 1] == '*')
            {
                var slash = i + 2 < pattern.Length && pattern[i + 2] == '/';
                regex.Append(slash ? "(.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else
            {
                regex.Append(c switch { '*' => "[^/]*", '?' => "[^/]", _ => Regex.Escape(c.ToString()) });
            }
        }

        return Regex.IsMatch(path, regex.Append('$').ToString(), RegexOptions.None, TimeSpan.FromSeconds(1));
    }
}
