using Squad.Core.Security;

namespace Squad.Core.Verification;

/// <summary>
/// Command output made safe to post: redacted, capped, no hidden markup (a fake <c>squad-effect</c> marker in a log must
/// not make the journal believe a comment was already made), and inside a code fence longer than any run of backticks in
/// it, so it can neither close its fence nor render as anything but text.
/// </summary>
internal static class FailureText
{
    public const int MaxCharacters = 3000;

    public static string Fence(SecretRedactor redactor, string output)
    {
        var text = Tools.CommandRunner.Truncate(redactor.Redact(output), MaxCharacters);
        text = HiddenMarkup.Remove(text, "[hidden]").Replace("<!--", "<!-\u200b-", StringComparison.Ordinal).Trim('\n');
        var longest = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        var fence = new string('`', Math.Max(3, longest + 1));
        return $"{fence}text\n{text}\n{fence}";
    }
}
