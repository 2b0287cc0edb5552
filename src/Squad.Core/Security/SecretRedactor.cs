using System.Text;
using System.Text.RegularExpressions;

namespace Squad.Core.Security;

/// <summary>
/// Removes secrets from everything Squad writes outward (PR text, comments, reviews, tracker
/// comments, command output shown to agents, logs): every configured secret value, plain or
/// encoded (base64, URL-safe base64, hex, percent-encoding; see <see cref="SecretEncodings"/>),
/// and common token shapes even when Squad was not told about them.
/// </summary>
public sealed partial class SecretRedactor
{
    public const string Mask = "[REDACTED]";

    /// <summary>The variables Squad reads secrets from.</summary>
    public static IReadOnlyList<string> SecretVariables { get; } =
    [
        "LINEAR_API_KEY", "GITHUB_TOKEN", "GH_TOKEN", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AZURE_OPENAI_API_KEY",
        "OPENROUTER_API_KEY", "SLACK_SIGNING_SECRET", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SENTRY_AUTH_TOKEN", "GITHUB_WEBHOOK_SECRET",
        "SQUAD_CODE_REVIEWER_GITHUB_TOKEN", "SQUAD_QA_SPECIALIST_GITHUB_TOKEN",
    ];

    // Every form of every secret, longest first, so that a longer form is masked before a shorter one inside it.
    private readonly (string Form, StringComparison Comparison)[] forms;

    public SecretRedactor(IEnumerable<string> secretValues)
        => forms = [.. secretValues.Where(s => s.Length >= 6).Distinct(StringComparer.Ordinal)
            .SelectMany(s => SecretEncodings.Of(s).Prepend((Form: s, Comparison: StringComparison.Ordinal)))
            .OrderByDescending(f => f.Form.Length)];

    /// <summary>A redactor for the secrets in this process's environment.</summary>
    public static SecretRedactor FromEnvironment()
        => new(SecretVariables.Select(Environment.GetEnvironmentVariable).OfType<string>());

    /// <summary>
    /// Whether <paramref name="text"/> holds one of the configured secret values, plain or encoded
    /// (token shapes alone do not count). Line breaks are ignored, so wrapped base64 counts too.
    /// </summary>
    public bool ContainsSecret(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var unwrapped = text.Contains('\n', StringComparison.Ordinal)
            ? text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)
            : text;
        return forms.Any(f => text.Contains(f.Form, f.Comparison) || unwrapped.Contains(f.Form, f.Comparison));
    }

    public string Redact(string text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var (form, comparison) in forms)
        {
            text = text.Replace(form, Mask, comparison);
        }

        // Bearer tokens first, then the token shapes: one pattern holding both may start a match at any letter (a bearer
        // token's) and is tried at every position of the text; these two are looked for from their fixed beginnings.
        return TokenShapes().Replace(MaskBearerTokens(text), Mask);
    }

    /// <summary>
    /// Every bearer header's token masked, the scheme kept. A scheme may end inside the token before it (<c>Bearer
    /// xBearer\ny…</c>): each is looked for from the one before it, so both tokens go. No token shape starts before a
    /// bearer token and reaches into it (a scheme holds white space, a shape none), so masking these first hides all that
    /// one pattern of both would.
    /// </summary>
    private static string MaskBearerTokens(string text)
    {
        StringBuilder? masked = null;
        var (copied, from) = (0, 0);
        while (from < text.Length && BearerTokens().Match(text, from) is { Success: true } match)
        {
            var token = match.Groups["token"];
            masked ??= new StringBuilder(text.Length);
            masked.Append(text, copied, token.Index - copied).Append(Mask);
            copied = token.Index + token.Length;
            from = match.Index + 1;
        }

        return masked is null ? text : masked.Append(text, copied, text.Length - copied).ToString();
    }

    // GitHub, Slack, OpenAI, Anthropic and Linear token shapes.
    [GeneratedRegex(@"(?<![A-Za-z0-9_-])(gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,}|xox[abposr]-[A-Za-z0-9-]{10,}|xapp-[A-Za-z0-9-]{10,}|sk-ant-[A-Za-z0-9_-]{20,}|sk-[A-Za-z0-9_-]{20,}|lin_(api|oauth)_[A-Za-z0-9]{20,})")]
    private static partial Regex TokenShapes();

    // A bearer header: its scheme and token.
    [GeneratedRegex(@"[Bb]earer\s(?<token>[A-Za-z0-9._~+/-]{20,}=*)")]
    private static partial Regex BearerTokens();
}
