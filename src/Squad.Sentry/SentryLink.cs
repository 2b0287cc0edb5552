using System.Text.RegularExpressions;

namespace Squad.Sentry;

/// <summary>
/// A link to a Sentry issue, as error trackers paste them into stubs: <c>https://ORG.sentry.io/issues/ID/</c> or
/// <c>https://HOST/organizations/ORG/issues/ID/</c> (sentry.io's older form, and self-hosted Sentry).
/// </summary>
internal sealed partial record SentryLink
{
    public required Uri Url { get; init; }

    public required string Organization { get; init; }

    public required string IssueId { get; init; }

    /// <summary>Where the API lives for this link: the organization's own domain on sentry.io, else the link's host.</summary>
    public required Uri ApiRoot { get; init; }

    /// <summary>The first readable Sentry issue link in <paramref name="text"/>, or null.</summary>
    public static SentryLink? Find(string text)
    {
        foreach (Match match in UrlPattern().Matches(text ?? ""))
        {
            if (Uri.TryCreate(match.Value.TrimEnd('.', ',', ';', ':'), UriKind.Absolute, out var url) && Parse(url) is { } link)
            {
                return link;
            }
        }

        return null;
    }

    public static SentryLink? Parse(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Scheme is not ("https" or "http"))
        {
            return null;
        }

        var segments = url.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var root = new Uri($"{url.Scheme}://{url.Authority}/");
        return segments switch
        {
            ["organizations", var org, "issues", var id, ..] when IsIssueId(id) => new SentryLink { Url = url, Organization = org, IssueId = id, ApiRoot = root },
            ["issues", var id, ..] when IsIssueId(id) && OrganizationOfHost(url.Host) is { } org => new SentryLink { Url = url, Organization = org, IssueId = id, ApiRoot = root },
            _ => null,
        };
    }

    private static bool IsIssueId(string id) => id.Length is > 0 and <= 20 && id.All(char.IsAsciiDigit);

    private static string? OrganizationOfHost(string host)
    {
        const string Saas = ".sentry.io";
        return host.EndsWith(Saas, StringComparison.OrdinalIgnoreCase) && host.Length > Saas.Length && !host[..^Saas.Length].Contains('.', StringComparison.Ordinal)
            ? host[..^Saas.Length].ToLowerInvariant()
            : null;
    }

    [GeneratedRegex(@"https?://[^\s<>()\[\]""'`|]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
