namespace Squad.Server;

/// <summary>
/// Makes text safe to post as a Slack message. Issue titles, stack traces and what agents write from them can be hostile:
/// Slack reads <c>&lt;!channel&gt;</c>, <c>&lt;!here&gt;</c>, <c>&lt;@U…&gt;</c> and links in angle brackets as controls, so
/// <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> are escaped as Slack's docs say. Only the mention Squad itself wrote (who asked) stays.
/// </summary>
internal static class SlackText
{
    public static string Escape(string text, string? allowedMention = null)
    {
        var escaped = text.Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal);
        return allowedMention is null
            ? escaped
            : escaped.Replace(Escape(allowedMention), allowedMention, StringComparison.Ordinal);
    }

    /// <summary>A mention of the Slack user <paramref name="userId"/>.</summary>
    public static string Mention(string userId) => $"<@{userId}>";
}
