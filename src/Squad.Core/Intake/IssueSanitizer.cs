using Squad.Core.Security;

namespace Squad.Core.Intake;

/// <summary>
/// Removes what a person reading an issue cannot see but a model would. Issue text is hostile data;
/// the rules are those of <see cref="UntrustedText.Sanitize(string)"/>, shared by every untrusted source.
/// </summary>
public static class IssueSanitizer
{
    /// <summary>Returns the text without hidden content; newlines become <c>\n</c>, tabs are kept.</summary>
    public static string Sanitize(string text) => UntrustedText.Sanitize(text);
}
